namespace Arbiter.Core.Distributed;

/// <summary>Conveniences over <see cref="INodeContext{TMessage, TRecord}"/> that every algorithm needs.</summary>
public static class NodeContextExtensions
{
    /// <summary>Sends <paramref name="message"/> to every other member, in ascending order of id.</summary>
    /// <returns>How many messages were sent (N − 1).</returns>
    public static int Broadcast<TMessage, TRecord>(this INodeContext<TMessage, TRecord> context, TMessage message)
    {
        ArgumentNullException.ThrowIfNull(context);
        int sent = 0;
        foreach (int member in context.Members)
        {
            if (member != context.Self)
            {
                context.Send(member, message);
                sent++;
            }
        }

        return sent;
    }
}
