namespace Arbiter.Cli.Tests.Commands.Store;

/// <summary>A fact that needs Debian's etcd-server (the real peer the gateway contract is checked against).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class EtcdFactAttribute : FactAttribute
{
    public EtcdFactAttribute()
    {
        if (EtcdProcess.Binary is null)
        {
            Skip = "needs etcd (Debian package etcd-server; .ci/run installs it): the contract tests run against a real etcd";
        }
    }
}
