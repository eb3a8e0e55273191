using System.Text;
using System.Text.Json;
using Dataspace.ConsentLedger.Canonicalization;

namespace Dataspace.ConsentLedger.Tests.Canonicalization;

public class JsonCanonicalizerTests
{
    private static string Canonical(string json) => Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Rfc8785_section_3_2_2_example_and_its_utf8_bytes()
    {
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;

        // RFC 8785 §3.2.4 lists the expected output as UTF-8 bytes.
        const string expectedHex =
            "7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c226e756d62657273223a" +
            "5b3333333333333333332e333333333333332c31652b33302c342e352c302e3030322c31652d3237" +
            "5d2c22737472696e67223a22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f227d";

        var canonical = JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(input));

        Assert.Equal(expectedHex, Convert.ToHexStringLower(canonical));
        Assert.Equal(
            """{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""",
            Encoding.UTF8.GetString(canonical));
    }

    [Fact]
    public void Rfc8785_section_3_2_3_sorts_names_by_utf16_code_units()
    {
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;

        // U+1F600 (surrogates D83D DE00) sorts before U+FB33 by code unit, though after it by code point.
        var expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\"," +
            "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\"," +
            "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";

        Assert.Equal(expected, Canonical(input));
    }

    [Fact]
    public void Rfc8785_appendix_E_nested_sorting()
    {
        const string input = """
            {
              "1": {"f": {"f": "hi","F": 5} ,"\n": 56.0},
              "10": { },
              "": "empty",
              "a": { },
              "111": [ {"e": "yes","E": "no" } ],
              "A": { }
            }
            """;

        Assert.Equal(
            """{"":"empty","1":{"\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{"E":"no","e":"yes"}],"A":{},"a":{}}""",
            Canonical(input));
    }

    [Fact]
    public void Only_quote_backslash_and_C0_controls_are_escaped()
    {
        const string input = "\"\\u0000\\u0007\\u001f\\u007f\\b\\t\\n\\f\\r\\\"\\\\\\/<>&\\u2028\\u00e9\"";

        Assert.Equal("\"\\u0000\\u0007\\u001f\u007f\\b\\t\\n\\f\\r\\\"\\\\/<>&\u2028\u00e9\"", Canonical(input));
    }

    [Theory]
    [InlineData("-0", "0")]
    [InlineData("1.0", "1")]
    [InlineData("10e-1", "1")]
    [InlineData("1E+2", "100")]
    [InlineData("0.1e-6", "1e-7")]
    [InlineData("123456789012345678901234", "1.2345678901234569e+23")]
    [InlineData("[ 1 , [ ] , { } , \"\" ]", "[1,[],{},\"\"]")]
    [InlineData("  true ", "true")]
    public void Values_and_whitespace(string input, string expected)
    {
        Assert.Equal(expected, Canonical(input));
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"x\":{\"b\":1,\"b\":1}}")]
    [InlineData("\"\\ud800\"")]
    [InlineData("{\"\\udc00\":1}")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("{\"a\":1,}")]
    [InlineData("[1] [2]")]
    [InlineData("")]
    public void Input_that_is_not_I_JSON_is_rejected(string input)
    {
        Assert.ThrowsAny<JsonException>(() => JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(input)));
    }

    [Fact]
    public void Invalid_utf8_is_rejected()
    {
        Assert.ThrowsAny<JsonException>(() => JsonCanonicalizer.Canonicalize([(byte)'"', 0xFF, (byte)'"']));
        Assert.ThrowsAny<JsonException>(() => JsonCanonicalizer.Canonicalize([(byte)'"', 0xED, 0xA0, 0x80, (byte)'"']));
    }

    [Fact]
    public void Canonical_output_is_a_fixed_point()
    {
        const string input = """{"b":[1E3,{"z":null,"y":"\u00e9\n"}],"a":-0.0}""";

        var once = JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(input));
        var twice = JsonCanonicalizer.Canonicalize(once);

        Assert.Equal(once, twice);
        Assert.Equal("{\"a\":0,\"b\":[1000,{\"y\":\"\u00e9\\n\",\"z\":null}]}", Encoding.UTF8.GetString(once));
    }

    [Fact]
    public void Element_overload_writes_the_same_bytes()
    {
        using var document = JsonDocument.Parse("""{"b":2,"a":[true,false]}""");
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();

        JsonCanonicalizer.Canonicalize(document.RootElement, buffer);

        Assert.Equal("""{"a":[true,false],"b":2}""", Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Equal(buffer.WrittenSpan.ToArray(), JsonCanonicalizer.Canonicalize(document.RootElement));
    }
}
