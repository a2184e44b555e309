namespace Arbiter.Store.Commands;

/// <summary>Reads the body of an <see cref="ExtensionCommand"/> of one kind.</summary>
/// <param name="reader">The reader, positioned after the kind.</param>
/// <returns>The command.</returns>
public delegate ExtensionCommand ExtensionDecoder(ref CommandReader reader);
