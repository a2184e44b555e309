namespace Arbiter.Distributed.Tests.Tcp;

/// <summary>A node whose calls are the test's lambdas (string messages, string records).</summary>
internal sealed class ScriptNode(
    Action<INodeContext<string, string>>? start = null,
    Action<INodeContext<string, string>, int, string>? receive = null,
    Action<INodeContext<string, string>, string>? fire = null) : INode<string, string>
{
    public void Start(INodeContext<string, string> context) => start?.Invoke(context);

    public void Receive(INodeContext<string, string> context, int from, string message) => receive?.Invoke(context, from, message);

    public void Fire(INodeContext<string, string> context, string timer) => fire?.Invoke(context, timer);
}
