using Arbiter.Store.Tests.Client;
using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Store;

/// <summary><c>arbiter store …</c> against a real etcd 3.4: the etcd-dialect commands end to end.</summary>
public sealed class StoreEtcdCommandTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>
{
    private readonly string _prefix = "cli/" + Guid.NewGuid().ToString("N")[..8] + "/";

    private (int Code, string Out, string Err) Store(params string[] args)
    {
        // The endpoints go before a "--", after which everything belongs to the command run under the lock.
        int split = Array.IndexOf(args, "--");
        return split < 0
            ? CliRunner.Run(["store", .. args, "--endpoints", etcd.Endpoint])
            : CliRunner.Run(["store", .. args[..split], "--endpoints", etcd.Endpoint, .. args[split..]]);
    }

    private static string[] Lines(string text) => text.Replace("\r", "", StringComparison.Ordinal).TrimEnd('\n').Split('\n');

    [EtcdFact]
    public void PutThenGet_PrintsOkThenKeyAndValueLines()
    {
        var put = Store("put", _prefix + "greeting", "hello world");
        var get = Store("get", _prefix + "greeting");

        Assert.Equal((0, "OK"), (put.Code, put.Out.TrimEnd()));
        Assert.Equal([_prefix + "greeting", "hello world"], Lines(get.Out));
        Assert.Empty(get.Err);
    }

    [EtcdFact]
    public void Get_Json_RevisionsAndVersionAfterTwoPuts()
    {
        Store("put", _prefix + "k", "v1");
        Store("put", _prefix + "k", "v2");

        var (code, output, _) = Store("get", _prefix + "k", "--json");
        JsonElement kv = JsonDocument.Parse(output).RootElement.GetProperty("kvs")[0];

        Assert.Equal(0, code);
        Assert.Equal(("v2", 2), (kv.GetProperty("value").GetString(), kv.GetProperty("version").GetInt32()));
        Assert.Equal(kv.GetProperty("create_revision").GetInt64() + 1, kv.GetProperty("mod_revision").GetInt64());
    }

    [EtcdFact]
    public void Get_MissingKey_NothingPrintedExit0()
    {
        var (code, output, error) = Store("get", _prefix + "absent");

        Assert.Equal((0, "", ""), (code, output, error));
    }

    [EtcdFact]
    public void Get_PrefixKeysOnly_OnlyTheKeysUnderThePrefix()
    {
        foreach (string key in (string[])["a/1", "a/2", "ab", "b"])
        {
            Store("put", _prefix + key, "x");
        }

        var (_, output, _) = Store("get", _prefix + "a/", "--prefix", "--keys-only");

        Assert.Equal([_prefix + "a/1", _prefix + "a/2"], Lines(output));
    }

    [EtcdFact]
    public void Get_AtAnOldRevision_TheValueThen()
    {
        Store("put", _prefix + "r", "old");
        long revision = JsonDocument.Parse(Store("get", _prefix + "r", "--json").Out).RootElement.GetProperty("revision").GetInt64();
        Store("put", _prefix + "r", "new");

        var (_, output, _) = Store("get", _prefix + "r", "--rev", revision.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal([_prefix + "r", "old"], Lines(output));
    }

    [EtcdFact]
    public void Get_FutureRevision_ServerMessageAndEndpointExit1()
    {
        var (code, output, error) = Store("get", _prefix + "r", "--rev", "999999999");

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Equal($"arbiter: etcdserver: mvcc: required revision is a future revision ({etcd.Endpoint})", error.TrimEnd());
    }

    [EtcdFact]
    public void PutPrevKvThenDelPrefix_PrintTheOldValueThenTheCount()
    {
        Store("put", _prefix + "d/1", "one");
        var put = Store("put", _prefix + "d/1", "uno", "--prev-kv");
        Store("put", _prefix + "d/2", "two");
        var del = Store("del", _prefix + "d/", "--prefix");

        Assert.Equal(["OK", _prefix + "d/1", "one"], Lines(put.Out));
        Assert.Equal("2", del.Out.TrimEnd());
        Assert.Equal("", Store("get", _prefix + "d/", "--prefix").Out);
    }

    [EtcdFact]
    public void Txn_CreateIfAbsent_SucceedsOnceThenTakesTheFailureBranch()
    {
        using var dir = new TempDirectory();
        string file = Path.Combine(dir.Path, "create.yaml");
        File.WriteAllText(file, $$"""
            compare:
              - {key: {{_prefix}}cfg, target: version, operand: 0}
            success:
              - put: {key: {{_prefix}}cfg, value: first}
            failure:
              - get: {key: {{_prefix}}cfg}
            """);

        var first = Store("txn", file);
        var second = Store("txn", file);

        Assert.Equal(["SUCCESS", "", "OK"], Lines(first.Out));
        Assert.Equal(["FAILURE", "", _prefix + "cfg", "first"], Lines(second.Out));
    }

    [EtcdFact]
    public void Txn_JsonFileComparingTheValue_SwapsOnlyWhenItMatches()
    {
        Store("put", _prefix + "owner", "alice");
        using var dir = new TempDirectory();
        string file = Path.Combine(dir.Path, "swap.json");
        File.WriteAllText(file, $$$"""
            {"compare": [{"key": "{{{_prefix}}}owner", "target": "value", "result": "=", "operand": "alice"}],
             "success": [{"put": {"key": "{{{_prefix}}}owner", "value": "bob"}}, {"get": {"key": "{{{_prefix}}}owner"}}]}
            """);

        var swapped = Store("txn", file, "--json");
        var again = Store("txn", file, "--json");

        JsonElement first = JsonDocument.Parse(swapped.Out).RootElement;
        Assert.True(first.GetProperty("succeeded").GetBoolean());
        Assert.Equal("bob", first.GetProperty("responses")[1].GetProperty("kvs")[0].GetProperty("value").GetString());
        Assert.False(JsonDocument.Parse(again.Out).RootElement.GetProperty("succeeded").GetBoolean());
    }

    [EtcdFact]
    public void Watch_FromARevision_OneLinePerEventThenStopsAtCount()
    {
        Store("put", _prefix + "w/a", "1");
        long start = JsonDocument.Parse(Store("get", _prefix + "w/a", "--json").Out).RootElement.GetProperty("revision").GetInt64();
        Store("put", _prefix + "w/b", "2");
        Store("del", _prefix + "w/a");

        var (code, output, _) = Store("watch", _prefix + "w/", "--prefix", "--rev", start.ToString(System.Globalization.CultureInfo.InvariantCulture), "--count", "3", "--prev-kv");

        Assert.Equal(0, code);
        Assert.Equal([$"PUT {start} {_prefix}w/a 1", $"PUT {start + 1} {_prefix}w/b 2", $"DELETE {start + 2} {_prefix}w/a (was 1)"], Lines(output));
    }

    [EtcdFact]
    public void Lease_GrantAttachTtlRevoke_TheKeyGoesWithTheLease()
    {
        var grant = Store("lease", "grant", "60", "--json");
        string id = JsonDocument.Parse(grant.Out).RootElement.GetProperty("id").GetString()!;
        Store("put", _prefix + "session", "on", "--lease", id);

        var ttl = Store("lease", "ttl", id, "--keys");
        var keep = Store("lease", "keep-alive", id, "--once");
        var revoke = Store("lease", "revoke", id);

        Assert.Matches($"^lease {id} granted with TTL\\(60s\\), remaining\\((59|60)s\\), attached keys\\(\\[{_prefix}session\\]\\)$", ttl.Out.TrimEnd());
        Assert.Equal($"lease {id} keepalived with TTL(60)", keep.Out.TrimEnd());
        Assert.Equal($"lease {id} revoked", revoke.Out.TrimEnd());
        Assert.Equal("", Store("get", _prefix + "session").Out);
        Assert.Equal($"lease {id} already expired", Store("lease", "ttl", id).Out.TrimEnd());
        var gone = Store("lease", "keep-alive", id, "--once");
        Assert.Equal((1, $"arbiter: lease {id} expired or revoked ({etcd.Endpoint})"), (gone.Code, gone.Err.TrimEnd()));
    }

    [EtcdFact]
    public void Lock_WithACommand_RunsItHoldingTheLockWithTheTokenThenReleases()
    {
        using var dir = new TempDirectory();
        string seen = Path.Combine(dir.Path, "seen");
        string name = _prefix + "deploy";

        var (code, output, _) = Store("lock", name, "--", "sh", "-c", $"echo \"$ARBITER_LOCK_KEY $ARBITER_FENCING_TOKEN\" > {seen}; exit 3");
        var again = Store("lock", name, "--wait", "5s", "--", "true");

        Assert.Equal(3, code); // the command's exit code
        string[] line = File.ReadAllText(seen).Trim().Split(' ');
        Assert.StartsWith(name + "/", line[0], StringComparison.Ordinal);
        Assert.Matches($"^locked {name}: key {line[0]}, fencing token {line[1]}, lease [0-9a-f]+$", output.TrimEnd());
        Assert.Equal(0, again.Code); // released: the next holder gets it at once
    }

    [EtcdFact]
    public void Lock_HeldByADetachedHolder_TheNextGivesUpAfterWait_ThenGetsItOnceTheLeaseIsRevoked()
    {
        string name = _prefix + "held";
        var held = Store("lock", name, "--detach", "--json");
        string lease = JsonDocument.Parse(held.Out).RootElement.GetProperty("lease").GetString()!;

        var blocked = Store("lock", name, "--wait", "500ms");
        Store("lease", "revoke", lease);
        var next = Store("lock", name, "--wait", "5s", "--", "true");

        Assert.Equal((1, $"arbiter: lock {name}: not granted within 0.5 s"), (blocked.Code, blocked.Err.TrimEnd()));
        Assert.Empty(blocked.Out);
        Assert.Equal(0, next.Code);
    }

    [EtcdFact]
    public async Task Lock_LeaseRevokedWhileTheCommandRuns_TheCommandIsKilledExit1()
    {
        using var dir = new TempDirectory();
        string finished = Path.Combine(dir.Path, "finished");
        string name = _prefix + "lost";
        Task<(int Code, string Out, string Err)> holder = Task.Run(() => Store("lock", name, "--ttl", "3", "--", "sh", "-c", $"sleep 8; touch {finished}"));
        string? lease = null;
        for (int i = 0; i < 100 && lease is null; i++)
        {
            await Task.Delay(50);
            JsonElement kvs = JsonDocument.Parse(Store("get", name + "/", "--prefix", "--json").Out).RootElement.GetProperty("kvs");
            lease = kvs.GetArrayLength() > 0 ? kvs[0].GetProperty("lease").GetString() : null;
        }

        Store("lease", "revoke", lease!); // as if the lease had expired under the holder
        var (code, _, error) = await holder.WaitAsync(TimeSpan.FromSeconds(7));

        Assert.Equal(1, code);
        Assert.Equal($"arbiter: lock {name}: lost: lease {lease} expired or was revoked; the command was stopped", error.TrimEnd());
        Assert.False(File.Exists(finished)); // killed before it could finish its work unprotected
    }

    [EtcdFact]
    public void Elect_DetachedLeader_ListenSeesItsValue_AnotherCandidateWaits()
    {
        string name = _prefix + "leader";
        var won = Store("elect", name, "node-a", "--detach", "--json");
        JsonElement leader = JsonDocument.Parse(won.Out).RootElement;

        var listen = Store("elect", name, "--listen", "--count", "1");
        var other = Store("elect", name, "node-b", "--wait", "500ms");
        Store("lease", "revoke", leader.GetProperty("lease").GetString()!);

        Assert.Equal(0, won.Code);
        Assert.Equal($"{name}: node-a (key {leader.GetProperty("key").GetString()}, fencing token {leader.GetProperty("token").GetInt64()})", listen.Out.TrimEnd());
        Assert.Equal((1, $"arbiter: election {name}: not granted within 0.5 s"), (other.Code, other.Err.TrimEnd()));
    }

    [EtcdFact]
    public void Status_OneMember_MarkedAsTheLeader()
    {
        var (code, output, _) = Store("status");
        var json = Store("status", "--json");
        Assert.True(json.Code == 0, json.Err);
        JsonElement row = JsonDocument.Parse(json.Out).RootElement.GetProperty("endpoints")[0];

        Assert.Equal(0, code);
        Assert.Contains("* this one", output, StringComparison.Ordinal);
        Assert.True(row.GetProperty("is_leader").GetBoolean());
        Assert.Equal(row.GetProperty("member_id").GetString(), row.GetProperty("leader").GetString());
    }

    [EtcdFact]
    public void Locks_OnEtcd_NotServedThereExit1()
    {
        var (code, output, error) = Store("locks", "--graph");

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Equal($"arbiter: /arbiter/v1/locks/graph is not served here (HTTP 404; etcd has no /arbiter/ paths) ({etcd.Endpoint})", error.TrimEnd());
    }
}
