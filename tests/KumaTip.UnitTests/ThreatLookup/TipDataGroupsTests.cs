using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.UnitTests.ThreatLookup;

public class TipDataGroupsTests
{
    [Theory]
    [InlineData(TipLookupType.Hash, "FileGeneralInfo,DetectionsInfo")]
    [InlineData(TipLookupType.Ip, "IpGeneralInfo,IpWhoIs")]
    [InlineData(TipLookupType.Domain, "DomainGeneralInfo,DomainWhoIsInfo")]
    [InlineData(TipLookupType.Url, "UrlGeneralInfo,UrlDomainWhoIs")]
    public void General_info_and_whois_are_ticked_by_default_and_lists_are_not(TipLookupType type, string expectedDefaults)
    {
        Assert.Equal(expectedDefaults, string.Join(',', TipDataGroups.DefaultKeys(type)));
    }

    [Fact]
    public void Each_type_offers_exactly_the_sections_of_the_api_description()
    {
        Assert.Equal(
            ["FileGeneralInfo", "DetectionsInfo", "FileDownloadedFromUrls", "FileAccessedUrls", "FileNames", "FilePaths", "FileCertificates",
             "FileParentCertificates", "FileStartedObjects", "FileStartedBy", "FileDownloadedObjects", "FileDownloadedBy", "Industries"],
            Keys(TipLookupType.Hash));
        Assert.Equal(["IpGeneralInfo", "IpWhoIs", "IpDnsResolutions", "FilesDownloadedFromIp", "HostedUrls", "Industries"], Keys(TipLookupType.Ip));
        Assert.Equal(
            ["DomainGeneralInfo", "DomainWhoIsInfo", "DomainDnsResolutions", "FilesDownloaded", "FilesAccessed", "UrlReferrals", "UrlReferredTo", "Subdomains", "Industries"],
            Keys(TipLookupType.Domain));
        Assert.Equal(
            ["UrlGeneralInfo", "UrlDomainWhoIs", "DomainDnsResolutions", "UrlReferrals", "UrlReferredTo", "FilesDownloaded", "FilesAccessed"],
            Keys(TipLookupType.Url));
    }

    [Fact]
    public void License_info_and_zone_are_never_offered_as_choices()
    {
        foreach (var type in Enum.GetValues<TipLookupType>())
        {
            Assert.DoesNotContain(TipDataGroups.For(type), g => TipDataGroups.AlwaysRequested.Contains(g.Key));
        }
    }

    [Fact]
    public void General_info_and_whois_are_objects_and_lists_are_arrays()
    {
        var ip = TipDataGroups.For(TipLookupType.Ip).ToDictionary(g => g.Key);

        Assert.False(ip["IpGeneralInfo"].IsArray);
        Assert.False(ip["IpWhoIs"].IsArray);
        Assert.True(ip["IpDnsResolutions"].IsArray);
        Assert.True(ip["HostedUrls"].IsArray);
    }

    [Fact]
    public void Keys_are_case_sensitive_and_belong_to_their_type()
    {
        Assert.True(TipDataGroups.IsKnown(TipLookupType.Domain, "DomainWhoIsInfo"));
        Assert.False(TipDataGroups.IsKnown(TipLookupType.Domain, "domainwhoisinfo"));
        Assert.False(TipDataGroups.IsKnown(TipLookupType.Url, "DomainWhoIsInfo"));
        Assert.True(TipDataGroups.IsKnown(TipLookupType.Url, "UrlDomainWhoIs"));
    }

    [Fact]
    public void Validation_names_the_unknown_group_and_lists_the_valid_ones()
    {
        var result = TipDataGroups.Validate(TipLookupType.Url, ["UrlGeneralInfo", "Subdomains"]);

        Assert.Equal("unknown_data_group", result.Error?.Code);
        Assert.Equal("sections", result.Error!.Field);
        Assert.Contains("'Subdomains'", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("'url'", result.Error.Message, StringComparison.Ordinal);
        foreach (var group in TipDataGroups.For(TipLookupType.Url))
        {
            Assert.Contains(group.Key, result.Error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validation_suggests_the_right_spelling_for_a_case_mistake()
    {
        var result = TipDataGroups.Validate(TipLookupType.Hash, ["filegeneralinfo"]);

        Assert.Contains("did you mean 'FileGeneralInfo'", result.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_refuses_an_empty_name()
    {
        Assert.Equal("unknown_data_group", TipDataGroups.Validate(TipLookupType.Ip, [""]).Error?.Code);
        Assert.Equal("unknown_data_group", TipDataGroups.Validate(TipLookupType.Ip, [null]).Error?.Code);
    }

    [Fact]
    public void Validation_drops_duplicates_and_always_requested_sections()
    {
        var result = TipDataGroups.Validate(TipLookupType.Ip, ["HostedUrls", "Zone", "IpWhoIs", "HostedUrls", "LicenseInfo"]);

        Assert.Equal(["HostedUrls", "IpWhoIs"], result.Value);
    }

    [Theory]
    [InlineData("hash", TipLookupType.Hash)]
    [InlineData("IP", TipLookupType.Ip)]
    [InlineData("domain", TipLookupType.Domain)]
    [InlineData("url", TipLookupType.Url)]
    public void Path_segments_read_back(string segment, TipLookupType expected)
    {
        Assert.True(TipLookupTypeExtensions.TryParsePathSegment(segment, out var type));
        Assert.Equal(expected, type);
        Assert.Equal(segment.ToLowerInvariant(), type.PathSegment());
    }

    [Fact]
    public void Host_is_not_a_lookup_type()
    {
        Assert.False(TipLookupTypeExtensions.TryParsePathSegment("host", out _));
    }

    private static string[] Keys(TipLookupType type) => [.. TipDataGroups.For(type).Select(g => g.Key)];
}
