namespace Arbiter.Sync.Primitives;

/// <summary>Who goes first when readers and writers both wait for a <see cref="ReadWriteLock"/>.</summary>
public enum ReadWritePolicy
{
    /// <summary>
    /// The seed's first readers-writers solution: a reader enters whenever no writer holds the lock, even while
    /// writers wait. Readers never wait for waiting writers; a steady stream of readers starves writers.
    /// </summary>
    ReaderPreferring,

    /// <summary>
    /// A reader waits while any writer holds or waits; a released writer hands over to the next writer before any
    /// reader. Writers never wait for newly arriving readers; a steady stream of writers starves readers.
    /// </summary>
    WriterPreferring,

    /// <summary>
    /// Brandenburg &amp; Anderson (2009): reader phases and writer phases alternate. A reader arriving while a writer
    /// holds or waits joins the next reader phase; a released writer lets every waiting reader in before the next
    /// writer. A writer waits for at most one reader phase (plus the writers queued before it); a reader waits
    /// for at most one writer phase. Nobody starves.
    /// </summary>
    PhaseFair,
}
