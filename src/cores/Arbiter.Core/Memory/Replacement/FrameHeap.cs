namespace Arbiter.Core.Memory.Replacement;

/// <summary>
/// An indexed binary min-heap of frames by a 64-bit key: insert, change a key, remove any frame and find the minimum,
/// O(log n) each (O(1) for the minimum). OPT keys frames by their next use, LFU by (count, last use).
/// </summary>
internal sealed class FrameHeap
{
    private readonly int[] _heap;
    private readonly int[] _position;
    private readonly long[] _key;
    private int _count;

    public FrameHeap(int capacity)
    {
        _heap = new int[capacity];
        _position = new int[capacity];
        _key = new long[capacity];
        Array.Fill(_position, -1);
    }

    public int Min => _heap[0];

    public void Insert(int frame, long key)
    {
        _key[frame] = key;
        _heap[_count] = frame;
        _position[frame] = _count;
        _count++;
        Up(_count - 1);
    }

    public void Update(int frame, long key)
    {
        long old = _key[frame];
        _key[frame] = key;
        if (key < old)
        {
            Up(_position[frame]);
        }
        else
        {
            Down(_position[frame]);
        }
    }

    public void Remove(int frame)
    {
        int i = _position[frame];
        _count--;
        _position[frame] = -1;
        if (i == _count)
        {
            return;
        }

        int moved = _heap[_count];
        _heap[i] = moved;
        _position[moved] = i;
        Up(i);
        Down(_position[moved]);
    }

    private void Up(int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (_key[_heap[parent]] <= _key[_heap[i]])
            {
                return;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private void Down(int i)
    {
        while (true)
        {
            int left = (2 * i) + 1;
            if (left >= _count)
            {
                return;
            }

            int smallest = left + 1 < _count && _key[_heap[left + 1]] < _key[_heap[left]] ? left + 1 : left;
            if (_key[_heap[i]] <= _key[_heap[smallest]])
            {
                return;
            }

            Swap(i, smallest);
            i = smallest;
        }
    }

    private void Swap(int a, int b)
    {
        (_heap[a], _heap[b]) = (_heap[b], _heap[a]);
        _position[_heap[a]] = a;
        _position[_heap[b]] = b;
    }
}
