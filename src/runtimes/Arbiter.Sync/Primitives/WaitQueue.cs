namespace Arbiter.Sync.Primitives;

/// <summary>
/// FIFO queue of <see cref="Waiter"/> nodes, intrusive (no allocation per enqueue) and doubly linked (a waiter that
/// times out leaves from the middle in O(1)). Not thread-safe: the owning primitive guards it with its gate.
/// </summary>
internal sealed class WaitQueue
{
    private Waiter? _head;
    private Waiter? _tail;

    public int Count { get; private set; }

    public bool IsEmpty => _head is null;

    public Waiter? Head => _head;

    public void Enqueue(Waiter node, bool atFront = false)
    {
        node.Queue = this;
        if (_head is null)
        {
            node.Next = node.Previous = null;
            _head = _tail = node;
        }
        else if (atFront)
        {
            node.Previous = null;
            node.Next = _head;
            _head.Previous = node;
            _head = node;
        }
        else
        {
            node.Next = null;
            node.Previous = _tail;
            _tail!.Next = node;
            _tail = node;
        }

        Count++;
    }

    public Waiter? Dequeue()
    {
        Waiter? node = _head;
        if (node is not null)
        {
            Remove(node);
        }

        return node;
    }

    /// <summary>Removes <paramref name="node"/>; false when it is not in this queue (already dequeued).</summary>
    public bool Remove(Waiter node)
    {
        if (node.Queue != this)
        {
            return false;
        }

        if (node.Previous is null)
        {
            _head = node.Next;
        }
        else
        {
            node.Previous.Next = node.Next;
        }

        if (node.Next is null)
        {
            _tail = node.Previous;
        }
        else
        {
            node.Next.Previous = node.Previous;
        }

        node.Next = node.Previous = null;
        node.Queue = null;
        Count--;
        return true;
    }
}
