namespace Arbiter.Sync.Primitives;

public sealed partial class ReadWriteLock
{
    /// <summary>A held write lock that <c>using</c> exits; from <see cref="EnterWriteScope"/>.</summary>
    public ref struct WriteScope
    {
        private ReadWriteLock? _lock;

        internal WriteScope(ReadWriteLock held) => _lock = held;

        /// <summary>Exits the write lock (once).</summary>
        public void Dispose()
        {
            var held = _lock;
            _lock = null;
            held?.ExitWrite();
        }
    }
}
