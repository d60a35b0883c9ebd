using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.UnitTests.ThreatLookup;

public class TipCategoryLabelTests
{
    [Theory]
    [InlineData("CATEGORY_PHISHING", "Phishing")]
    [InlineData("CATEGORY_MALWARE", "Malware")]
    [InlineData("CATEGORY_ADWARE", "Adware")]
    [InlineData("CATEGORY_COMPROMISED", "Compromised")]
    [InlineData("CATEGORY_BOTNET_CNC", "Botnet CnC")]
    [InlineData("CATEGORY_APT", "APT")]
    [InlineData("CATEGORY_TOR", "Tor")]
    [InlineData("CATEGORY_MOBILE_MALICIOUS_REDIRECT", "Mobile Malicious Redirect")]
    [InlineData("CATEGORY_PORNO_AND_SEX", "Porno and Sex")]
    [InlineData("CATEGORY_OR_SOMETHING", "Or Something")]
    [InlineData("category_phishing", "Phishing")]
    [InlineData("CATEGORY__DOUBLE__UNDERSCORE_", "Double Underscore")]
    public void Category_codes_become_readable(string code, string expected)
    {
        Assert.Equal(expected, TipCategoryLabel.Readable(code));
    }

    [Theory]
    [InlineData("General", "General")]
    [InlineData(" Something new ", "Something new")]
    [InlineData("CATEGORY_", "CATEGORY_")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Values_that_are_not_codes_are_shown_as_they_come(string? value, string expected)
    {
        Assert.Equal(expected, TipCategoryLabel.Readable(value));
    }
}
