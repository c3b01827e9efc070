using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace WaApp.CloudApiSimulator.Media;

/// <summary>One file Meta holds: sent by a user (an injected message) or uploaded by the business.</summary>
/// <param name="Sha256">Base64 SHA-256 of <paramref name="Bytes"/>, as Meta writes it in webhooks and media metadata.</param>
public sealed record StoredMedia(string Id, string PhoneNumberId, byte[] Bytes, string MimeType, string Sha256, string? Filename, DateTimeOffset ExpiresAt)
{
    public long FileSize => Bytes.LongLength;
}

/// <summary>What a test can see of one media file: how often it was downloaded and how it was stored.</summary>
public sealed record MediaSummary(string Id, string PhoneNumberId, string MimeType, string Sha256, long FileSize, string? Filename, bool Uploaded, int Downloads);

/// <summary>
/// The files Meta keeps for the simulated numbers. Media ids are numeric strings like Meta's; a user's file lives
/// 7 days and an uploaded one 30 days (Meta's lifetimes), after which its id is unknown.
/// </summary>
public sealed class MediaStore(TimeProvider time)
{
    public static readonly TimeSpan InboundLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan UploadLifetime = TimeSpan.FromDays(30);

    private readonly ConcurrentDictionary<string, Entry> _media = new(StringComparer.Ordinal);

    public StoredMedia Add(string phoneNumberId, byte[] bytes, string mimeType, string? filename, bool uploaded)
    {
        string id;
        do
        {
            id = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture)
                + RandomNumberGenerator.GetInt32(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        while (_media.ContainsKey(id));

        var media = new StoredMedia(id, phoneNumberId, bytes, mimeType, Sha256Of(bytes), filename, time.GetUtcNow() + (uploaded ? UploadLifetime : InboundLifetime));
        _media[id] = new Entry(media, uploaded);
        return media;
    }

    /// <summary>The file, unless its id is unknown or expired.</summary>
    public StoredMedia? Find(string id) =>
        _media.TryGetValue(id, out var entry) && entry.Media.ExpiresAt > time.GetUtcNow() ? entry.Media : null;

    public void CountDownload(string id)
    {
        if (_media.TryGetValue(id, out var entry))
        {
            entry.CountDownload();
        }
    }

    /// <summary>Ends a file's life early (a test of an expired media id).</summary>
    public bool Expire(string id)
    {
        if (!_media.TryGetValue(id, out var entry))
        {
            return false;
        }

        entry.Media = entry.Media with { ExpiresAt = DateTimeOffset.MinValue };
        return true;
    }

    public bool Delete(string id) => _media.TryRemove(id, out _);

    public IReadOnlyList<MediaSummary> Snapshot() =>
        [.. _media.Values.Select(static entry => new MediaSummary(
            entry.Media.Id, entry.Media.PhoneNumberId, entry.Media.MimeType, entry.Media.Sha256, entry.Media.FileSize, entry.Media.Filename, entry.Uploaded, entry.Downloads))];

    public void Clear() => _media.Clear();

    public static string Sha256Of(byte[] bytes) => Convert.ToBase64String(SHA256.HashData(bytes));

    private sealed class Entry(StoredMedia media, bool uploaded)
    {
        private int _downloads;

        public StoredMedia Media { get; set; } = media;

        public bool Uploaded { get; } = uploaded;

        public int Downloads => Volatile.Read(ref _downloads);

        public void CountDownload() => Interlocked.Increment(ref _downloads);
    }
}
