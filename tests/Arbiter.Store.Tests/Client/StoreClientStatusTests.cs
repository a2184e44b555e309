using System.Net;
using System.Text;
using Arbiter.Store.Client;
using Arbiter.Store.Gateway;

namespace Arbiter.Store.Tests.Client;

/// <summary>Status answers as etcd writes them, served by a canned HTTP handler (member ids are uint64).</summary>
public class StoreClientStatusTests
{
    [Theory]
    [InlineData("3319814642761637952")]  // below 2^63
    [InlineData("18446744073709551614")] // above 2^63: does not fit the wire type's long as a number
    public async Task Status_EtcdMemberIdAnySize_LeaderComparesEqualToTheHeadersMemberId(string id)
    {
        string body = $$"""{"header":{"cluster_id":"1","member_id":"{{id}}","revision":"5","raft_term":"2"},"version":"3.4.23","leader":"{{id}}","raftIndex":"9","raftTerm":"2","raftAppliedIndex":"9"}""";
        using var client = new StoreClient([new Uri("http://etcd.invalid:2379/")], handler: new Canned(body));

        WireStatusResponse status = await client.StatusAsync();

        Assert.Equal(ulong.Parse(id, System.Globalization.CultureInfo.InvariantCulture), status.Leader);
        Assert.Equal(status.Header!.MemberId, status.Leader);
        Assert.Equal((9L, 2L), (status.RaftIndex, status.RaftTerm));
    }

    private sealed class Canned(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
