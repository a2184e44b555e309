namespace Arbiter.Core.Memory.Replacement;

/// <summary>
/// One of ARC's ghost lists (B1, B2): pages recently evicted, without their data, in recency order, with O(1)
/// membership, removal and drop of the least recent.
/// </summary>
internal sealed class GhostList
{
    private readonly LinkedList<long> _order = new();
    private readonly Dictionary<long, LinkedListNode<long>> _nodes = [];

    public int Count => _order.Count;

    public void Add(long page) => _nodes.Add(page, _order.AddLast(page));

    public bool Remove(long page)
    {
        if (!_nodes.Remove(page, out var node))
        {
            return false;
        }

        _order.Remove(node);
        return true;
    }

    public void RemoveLeastRecent()
    {
        long page = _order.First!.Value;
        _order.RemoveFirst();
        _nodes.Remove(page);
    }
}
