using KumaTip.Application.Observables;
using static KumaTip.UnitTests.Observables.ParsingAssertions;

namespace KumaTip.UnitTests.Observables;

public class HashParsingTests
{
    private const string Md5 = "d41d8cd98f00b204e9800998ecf8427e";
    private const string Sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
    private const string Sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Theory]
    [InlineData(Md5, ObservableType.Md5, "md5:" + Md5)]
    [InlineData("D41D8CD98F00B204E9800998ECF8427E", ObservableType.Md5, "md5:" + Md5)]
    [InlineData("  d41d8cd98f00b204e9800998ECF8427E \t", ObservableType.Md5, "md5:" + Md5)]
    [InlineData("\"d41d8cd98f00b204e9800998ecf8427e\"", ObservableType.Md5, "md5:" + Md5)]
    [InlineData("\u200Bd41d8cd98f00b204e9800998ecf8427e\u200B", ObservableType.Md5, "md5:" + Md5)]
    [InlineData(Sha1, ObservableType.Sha1, "sha1:" + Sha1)]
    [InlineData("DA39A3EE5E6B4B0D3255BFEF95601890AFD80709", ObservableType.Sha1, "sha1:" + Sha1)]
    [InlineData(Sha256, ObservableType.Sha256, "sha256:" + Sha256)]
    [InlineData("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", ObservableType.Sha256, "sha256:" + Sha256)]
    public void Hashes_are_recognised_by_length_and_lower_cased(string input, ObservableType type, string key)
    {
        var observable = Parsed(ObservableParser.Parse(input));

        Assert.Equal(type, observable.Type);
        Assert.Equal(key, observable.Key);
        Assert.Equal(ObservableCategory.Hash, observable.Category);
        Assert.Equal("hash", observable.TipType);
        Assert.False(observable.IsPrivateOrReserved);
    }

    [Fact]
    public void A_short_hex_number_names_the_lengths_a_hash_can_have()
    {
        var error = Failed(ObservableParser.Parse("12345"));

        Assert.Equal("invalid_hash", error.Code);
        Assert.Equal("'12345' is not a valid MD5, SHA1 or SHA256 hash: 5 hex characters, expected 32, 40 or 64", error.Message);
    }

    [Theory]
    [InlineData("d41d8cd98f00b204e9800998ecf8427", "31 hex characters")]
    [InlineData("d41d8cd98f00b204e9800998ecf8427e0", "33 hex characters")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85", "63 hex characters")]
    public void A_hex_run_of_another_length_is_an_invalid_hash(string input, string detail)
    {
        var error = Failed(ObservableParser.Parse(input));

        Assert.Equal("invalid_hash", error.Code);
        Assert.Contains(detail, error.Message);
    }

    [Fact]
    public void A_non_hex_character_is_named_when_a_hash_is_expected()
    {
        var error = Failed(ObservableParser.Parse("d41d8cd98f00b204e9800998ecf8427g", ObservableType.Md5));

        Assert.Contains("'g' is not a hex digit", error.Message);
    }

    [Theory]
    [InlineData(Sha256, ObservableType.Md5, "is a SHA256 hash, not an MD5 hash")]
    [InlineData(Md5, ObservableType.Sha1, "is an MD5 hash, not a SHA1 hash")]
    public void A_hash_of_another_kind_than_expected_is_refused(string input, ObservableType expected, string message)
    {
        var error = Failed(ObservableParser.Parse(input, expected));

        Assert.Equal("type_mismatch", error.Code);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_short_all_letter_hex_word_is_a_host_name_not_a_hash()
    {
        var observable = Parsed(ObservableParser.Parse("cafe"));

        Assert.Equal(ObservableType.Domain, observable.Type);
    }
}
