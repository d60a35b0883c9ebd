using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.UnitTests.ThreatLookup;

public class TipDataGroupsTests
{
    [Theory]
    [InlineData(ObservableCategory.Hash, "FileGeneralInfo,DetectionsInfo")]
    [InlineData(ObservableCategory.Ip, "IpGeneralInfo,IpWhoIs")]
    [InlineData(ObservableCategory.Domain, "DomainGeneralInfo,DomainWhoIsInfo")]
    [InlineData(ObservableCategory.Url, "UrlGeneralInfo,UrlDomainWhoIs")]
    public void General_info_and_whois_are_ticked_by_default_and_lists_are_not(ObservableCategory type, string expectedDefaults)
    {
        Assert.Equal(expectedDefaults, string.Join(',', TipDataGroups.DefaultKeys(type)));
    }

    [Fact]
    public void Each_type_offers_exactly_the_sections_of_the_api_description()
    {
        Assert.Equal(
            ["FileGeneralInfo", "DetectionsInfo", "FileDownloadedFromUrls", "FileAccessedUrls", "FileNames", "FilePaths", "FileCertificates",
             "FileParentCertificates", "FileStartedObjects", "FileStartedBy", "FileDownloadedObjects", "FileDownloadedBy", "Industries"],
            Keys(ObservableCategory.Hash));
        Assert.Equal(["IpGeneralInfo", "IpWhoIs", "IpDnsResolutions", "FilesDownloadedFromIp", "HostedUrls", "Industries"], Keys(ObservableCategory.Ip));
        Assert.Equal(
            ["DomainGeneralInfo", "DomainWhoIsInfo", "DomainDnsResolutions", "FilesDownloaded", "FilesAccessed", "UrlReferrals", "UrlReferredTo", "Subdomains", "Industries"],
            Keys(ObservableCategory.Domain));
        Assert.Equal(
            ["UrlGeneralInfo", "UrlDomainWhoIs", "DomainDnsResolutions", "UrlReferrals", "UrlReferredTo", "FilesDownloaded", "FilesAccessed"],
            Keys(ObservableCategory.Url));
    }

    [Fact]
    public void License_info_and_zone_are_never_offered_as_choices()
    {
        foreach (var type in Enum.GetValues<ObservableCategory>())
        {
            Assert.DoesNotContain(TipDataGroups.For(type), g => TipDataGroups.AlwaysRequested.Contains(g.Key));
        }
    }

    [Fact]
    public void Keys_are_case_sensitive_and_belong_to_their_type()
    {
        Assert.True(TipDataGroups.IsKnown(ObservableCategory.Domain, "DomainWhoIsInfo"));
        Assert.False(TipDataGroups.IsKnown(ObservableCategory.Domain, "domainwhoisinfo"));
        Assert.False(TipDataGroups.IsKnown(ObservableCategory.Url, "DomainWhoIsInfo"));
        Assert.True(TipDataGroups.IsKnown(ObservableCategory.Url, "UrlDomainWhoIs"));
    }

    [Fact]
    public void Validation_names_the_unknown_group_and_lists_the_valid_ones()
    {
        var result = TipDataGroups.Validate(ObservableCategory.Url, ["UrlGeneralInfo", "Subdomains"]);

        Assert.Equal("unknown_data_group", result.Error?.Code);
        Assert.Equal("sections", result.Error!.Field);
        Assert.Contains("'Subdomains'", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("'url'", result.Error.Message, StringComparison.Ordinal);
        foreach (var group in TipDataGroups.For(ObservableCategory.Url))
        {
            Assert.Contains(group.Key, result.Error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validation_suggests_the_right_spelling_for_a_case_mistake()
    {
        var result = TipDataGroups.Validate(ObservableCategory.Hash, ["filegeneralinfo"]);

        Assert.Contains("did you mean 'FileGeneralInfo'", result.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_refuses_an_empty_name()
    {
        Assert.Equal("unknown_data_group", TipDataGroups.Validate(ObservableCategory.Ip, [""]).Error?.Code);
        Assert.Equal("unknown_data_group", TipDataGroups.Validate(ObservableCategory.Ip, [null]).Error?.Code);
    }

    [Fact]
    public void Validation_drops_duplicates_and_always_requested_sections()
    {
        var result = TipDataGroups.Validate(ObservableCategory.Ip, ["HostedUrls", "Zone", "IpWhoIs", "HostedUrls", "LicenseInfo"]);

        Assert.Equal(["HostedUrls", "IpWhoIs"], result.Value);
    }

    private static string[] Keys(ObservableCategory type) => [.. TipDataGroups.For(type).Select(g => g.Key)];
}
