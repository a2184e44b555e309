using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Store.Gateway;
using Spectre.Console;

namespace Arbiter.Cli.Commands.StoreMember;

/// <summary>How the member commands read ids and URLs, and show members: a table, or one JSON document.</summary>
internal static class MemberOutput
{
    /// <summary>A member id: decimal (the cluster API's JSON form), or hexadecimal with 0x (etcdctl's form).</summary>
    public static ulong Id(string text, string what)
    {
        bool hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        string digits = hex ? text[2..] : text;
        ulong id = 0;
        bool ok = digits.Length > 0 && (hex
            ? ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out id)
            : ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out id));
        return ok && id > 0 ? id
            : throw new InputException($"{what}: '{text}' is not a member id (a positive decimal number such as 4, or hexadecimal with 0x as etcdctl prints it)");
    }

    /// <summary>A peer URL: http:// or https://, a host and an explicit port, nothing else.</summary>
    public static string PeerUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url) || url.Scheme is not ("http" or "https") || url.IsDefaultPort
            || !text.Contains(':', StringComparison.Ordinal) || url.AbsolutePath != "/" || url.Query.Length > 0)
        {
            throw new InputException($"PEER-URL: '{text}' is not a peer URL such as http://127.0.0.1:2386 (scheme, host and port; no path)");
        }

        return text.TrimEnd('/');
    }

    public static void Show(CliContext context, bool json, string? what, IReadOnlyList<WireMember>? members, WireMember? added = null)
    {
        IReadOnlyList<WireMember> list = members ?? [];
        if (json)
        {
            context.Json(new
            {
                member = added is null ? null : Json(added),
                members = list.Select(Json),
            });
            return;
        }

        if (what is not null)
        {
            context.Out.WriteLine(what);
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (string header in (string[])["id", "id (hex)", "name", "role", "peer URLs", "client URLs"])
        {
            table.AddColumn(new TableColumn(header).NoWrap());
        }

        foreach (WireMember m in list)
        {
            table.AddRow(D(m.Id), m.Id.ToString("x", CultureInfo.InvariantCulture), Markup.Escape(m.Name ?? ""), m.IsLearner ? "learner" : "voter",
                Markup.Escape(string.Join(",", m.PeerUrls ?? [])), Markup.Escape(string.Join(",", m.ClientUrls ?? [])));
        }

        context.Console.Write(table);
    }

    private static object Json(WireMember m) => new
    {
        id = D(m.Id),
        id_hex = m.Id.ToString("x", CultureInfo.InvariantCulture),
        name = m.Name ?? "",
        is_learner = m.IsLearner,
        peer_urls = m.PeerUrls ?? [],
        client_urls = m.ClientUrls ?? [],
    };

    private static string D(ulong id) => id.ToString(CultureInfo.InvariantCulture);
}
