namespace Arbiter.Sync.Primitives;

public sealed partial class ReadWriteLock
{
    /// <summary>A held read lock that <c>using</c> exits; from <see cref="EnterReadScope"/>.</summary>
    public ref struct ReadScope
    {
        private ReadWriteLock? _lock;

        internal ReadScope(ReadWriteLock held) => _lock = held;

        /// <summary>Exits the read lock (once).</summary>
        public void Dispose()
        {
            var held = _lock;
            _lock = null;
            held?.ExitRead();
        }
    }
}
