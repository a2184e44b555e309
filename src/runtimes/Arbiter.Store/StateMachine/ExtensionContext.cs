using Arbiter.Store.Mvcc;

namespace Arbiter.Store.StateMachine;

/// <summary>What an <see cref="IStoreExtension"/> may do to the key-value store while one command applies.</summary>
public sealed class ExtensionContext
{
    private readonly KvWriter _writer;

    internal ExtensionContext(KvWriter writer, ulong index)
    {
        _writer = writer;
        Index = index;
    }

    /// <summary>The log index being applied.</summary>
    public ulong Index { get; }

    /// <summary>The revision the command's writes get (the fencing token of what it grants).</summary>
    public long WriteRevision => _writer.Kv.WriteRevision;

    /// <summary>The revision reads see now (this command's writes included).</summary>
    public long VisibleRevision => _writer.Kv.VisibleRevision;

    /// <summary>True if the lease exists.</summary>
    /// <param name="leaseId">The lease.</param>
    /// <returns>Whether it exists.</returns>
    public bool LeaseExists(long leaseId) => _writer.Leases.Exists(leaseId);

    /// <summary>Puts a key (checked as a client put is).</summary>
    /// <param name="request">The put.</param>
    /// <param name="response">The response when the result is none.</param>
    /// <returns>The error, or none.</returns>
    public StoreError Put(PutRequest request, out PutResponse? response)
    {
        ArgumentNullException.ThrowIfNull(request);
        var error = _writer.CheckPut(request);
        response = error == StoreError.None ? _writer.Put(request) : null;
        return error;
    }

    /// <summary>Deletes a range of keys.</summary>
    /// <param name="request">The delete.</param>
    /// <param name="response">The response when the result is none.</param>
    /// <returns>The error, or none.</returns>
    public StoreError DeleteRange(DeleteRangeRequest request, out DeleteRangeResponse? response)
    {
        ArgumentNullException.ThrowIfNull(request);
        response = null;
        if (request.Key.Length == 0)
        {
            return StoreError.EmptyKey;
        }

        response = _writer.DeleteRange(request);
        return StoreError.None;
    }

    /// <summary>Reads a range (this command's writes included).</summary>
    /// <param name="request">The range.</param>
    /// <param name="response">The response when the result is none.</param>
    /// <returns>The error, or none.</returns>
    public StoreError Range(RangeRequest request, out RangeResponse? response) =>
        _writer.Kv.RangeAt(request, _writer.Kv.VisibleRevision, out response);
}
