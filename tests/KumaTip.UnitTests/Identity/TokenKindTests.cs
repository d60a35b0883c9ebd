using System.Security.Cryptography;
using System.Text;
using KumaTip.Application.Identity;

namespace KumaTip.UnitTests.Identity;

/// <summary>Tokens already handed out must keep working: the format and the stored hash never change.</summary>
public sealed class TokenKindTests
{
    [Theory]
    [InlineData("ktp_")]
    [InlineData("kte_")]
    public void A_minted_token_is_its_marker_and_43_url_safe_characters(string marker)
    {
        var kind = marker == "ktp_" ? TokenKind.PersonalAccess : TokenKind.Ingestion;

        var token = kind.Mint();

        Assert.Matches("^" + marker + "[A-Za-z0-9_-]{43}$", token);
        Assert.NotEqual(token, kind.Mint());
    }

    [Fact]
    public void The_stored_hash_is_the_SHA256_of_the_token_as_UTF8()
    {
        const string token = "ktp_AbC-_0123456789abcdefghijklmnopqrstuvwxyzAB";

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), TokenKind.PersonalAccess.HashOf(token));
    }

    [Theory]
    [InlineData("kte_AbC")]
    [InlineData("KTP_AbC")]
    [InlineData("")]
    public void A_value_of_another_kind_is_not_hashed(string presented) =>
        Assert.Null(TokenKind.PersonalAccess.HashOf(presented));

    [Fact]
    public void A_value_longer_than_any_token_is_not_hashed() =>
        Assert.Null(TokenKind.Ingestion.HashOf("kte_" + new string('a', 125)));
}
