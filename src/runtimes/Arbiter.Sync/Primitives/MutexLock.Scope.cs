namespace Arbiter.Sync.Primitives;

public sealed partial class MutexLock
{
    /// <summary>A held mutex (or monitor) that <c>using</c> exits; from <see cref="EnterScope"/>.</summary>
    public ref struct Scope
    {
        private MutexLock? _lock;

        internal Scope(MutexLock held) => _lock = held;

        /// <summary>Exits the lock (once).</summary>
        public void Dispose()
        {
            var held = _lock;
            _lock = null;
            held?.Exit();
        }
    }
}
