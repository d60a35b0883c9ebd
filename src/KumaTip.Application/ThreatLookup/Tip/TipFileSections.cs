namespace KumaTip.Application.ThreatLookup.Tip;

/// <summary><c>FileGeneralInfo</c> of a hash lookup.</summary>
public sealed record TipFileGeneralInfo
{
    public string? Md5 { get; init; }
    public string? Sha1 { get; init; }
    public string? Sha256 { get; init; }
    public TipDate? FirstSeen { get; init; }
    public TipDate? LastSeen { get; init; }
    public string? Signer { get; init; }
    public TipZone SignerZone { get; init; }
    public string? SignerStatus { get; init; }
    public string? Packer { get; init; }
    public long? Size { get; init; }
    public string? Type { get; init; }
    public long? HitsCount { get; init; }
    public string? FileStatus { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public bool? HasApt { get; init; }
    public IReadOnlyList<TipAptReport> RelatedAptReports { get; init; } = [];
}

/// <summary>A detection of the file by a Kaspersky technology (<c>DetectionsInfo[]</c>).</summary>
public sealed record TipDetection
{
    public TipDate? LastDetectDate { get; init; }
    public string? DescriptionUrl { get; init; }
    public TipZone Zone { get; init; }
    public string? DetectionName { get; init; }
    public string? DetectionMethod { get; init; }
}

/// <summary>A URL the file was downloaded from or accessed (<c>FileDownloadedFromUrls[]</c>, <c>FileAccessedUrls[]</c>).</summary>
public sealed record TipFileUrl
{
    public string? Url { get; init; }
    public string? Domain { get; init; }
    public TipZone Zone { get; init; }

    /// <summary>Only in <c>FileDownloadedFromUrls</c>.</summary>
    public TipDate? LastDownloadDate { get; init; }
}

/// <summary><c>FileNames[]</c>: a name the file was seen under, and how often.</summary>
public sealed record TipFileName(string? FileName, long? HitsCount);

/// <summary><c>FilePaths[]</c>: where the file was seen, and how often.</summary>
public sealed record TipFilePath(string? Path, string? Location, long? HitsCount);

/// <summary><c>FileCertificates[]</c>: a certificate the file is signed with.</summary>
public sealed record TipFileCertificate
{
    public string? Vendor { get; init; }
    public string? Publisher { get; init; }
    public TipDate? TimeStamp { get; init; }
    public TipDate? Issued { get; init; }
    public TipDate? Expires { get; init; }
    public string? SerialNumber { get; init; }
}

/// <summary>
/// The hashes of one file as TIP reports them, lower-case; a hash that is missing or malformed is null.
/// The cache records all of them so the same file asked by any of its hashes is one entry.
/// </summary>
public sealed record TipFileHashes(string? Md5, string? Sha1, string? Sha256)
{
    public IEnumerable<string> All => new[] { Md5, Sha1, Sha256 }.OfType<string>();
}
