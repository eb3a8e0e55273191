using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Dataspace.ConsentLedger.Pseudonymisation;

namespace Dataspace.ConsentLedger.Tests.Pseudonymisation;

public sealed class PseudonymisationKeyTests
{
    [Fact]
    public void A_pseudonym_is_the_truncated_hmac_in_base64url_with_dots_for_underscores()
    {
        var mac = HMACSHA256.HashData(Pseudonymisation.KeyBytes("agreement-1"), Encoding.UTF8.GetBytes("Patient/example"));
        var expected = Base64Url.EncodeToString(mac.AsSpan(0, 18)).Replace('_', '.');

        Assert.Equal(expected, Pseudonymisation.Key("agreement-1").Pseudonym("Patient/example"));
        Assert.Equal("y36OBpfIlPFdsl5rHLp9-UB.", expected);
    }

    [Fact]
    public void Pseudonyms_are_fhir_ids_and_do_not_collide()
    {
        var key = Pseudonymisation.Key("agreement-1");
        var pseudonyms = Enumerable.Range(0, 5000).Select(i => key.Pseudonym($"Observation/{i}")).ToList();

        Assert.All(pseudonyms, p => Assert.Matches("^[A-Za-z0-9\\-\\.]{24}$", p));
        Assert.Equal(pseudonyms.Count, pseudonyms.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(pseudonyms, p => p.Contains('.', StringComparison.Ordinal));
    }

    [Fact]
    public void Same_key_same_pseudonym_other_key_other_pseudonym()
    {
        Assert.Equal(Pseudonymisation.Key("agreement-1").Pseudonym("Patient/1"), Pseudonymisation.Key("agreement-1").Pseudonym("Patient/1"));
        Assert.NotEqual(Pseudonymisation.Key("agreement-1").Pseudonym("Patient/1"), Pseudonymisation.Key("agreement-2").Pseudonym("Patient/1"));
        Assert.NotEqual(Pseudonymisation.Key("agreement-1").Pseudonym("Patient/1"), Pseudonymisation.Key("agreement-1").Pseudonym("Patient/2"));
    }

    [Fact]
    public void Identifier_pseudonyms_depend_on_system_and_differ_from_id_pseudonyms()
    {
        var key = Pseudonymisation.Key("agreement-1");

        Assert.NotEqual(key.IdentifierPseudonym("urn:oid:1.2.3", "12345"), key.IdentifierPseudonym("urn:oid:1.2.4", "12345"));
        Assert.NotEqual(key.Pseudonym("Patient/12345"), key.IdentifierPseudonym(null, "Patient/12345"));
        Assert.Matches("^[A-Za-z0-9\\-\\.]{24}$", key.IdentifierPseudonym("urn:oid:1.2.3", "12345"));
    }

    [Fact]
    public void Date_shifts_cover_the_range_both_ways_and_are_never_zero()
    {
        var key = Pseudonymisation.Key("agreement-1");
        var shifts = Enumerable.Range(0, 3000).Select(i => key.ShiftDays($"Patient/{i}", 3)).ToList();

        Assert.Equal([-3, -2, -1, 1, 2, 3], shifts.Distinct().Order());
        Assert.Equal(key.ShiftDays("Patient/7", 30), key.ShiftDays("Patient/7", 30));
    }

    [Fact]
    public void The_date_shift_is_not_derivable_from_the_published_pseudonym()
    {
        var keyBytes = Pseudonymisation.KeyBytes("agreement-1");
        var idMac = HMACSHA256.HashData(keyBytes, Encoding.UTF8.GetBytes("Patient/7"));
        var naive = (int)(BitConverter.ToUInt64(idMac) % 60);
        var naiveShift = naive < 30 ? naive - 30 : naive - 29;

        // Different HMAC inputs for the two uses: the shift is not the one a reader could compute from the pseudonym's MAC.
        Assert.NotEqual(naiveShift, Pseudonymisation.Key("agreement-1").ShiftDays("Patient/7", 30));
    }

    [Fact]
    public void A_short_key_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new PseudonymisationKey(new byte[31]));
        Assert.Contains("at least 32 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_is_copied_so_later_changes_to_the_buffer_do_not_matter()
    {
        var bytes = Pseudonymisation.KeyBytes("agreement-1");
        var key = new PseudonymisationKey(bytes);
        var before = key.Pseudonym("Patient/1");
        bytes.AsSpan().Clear();

        Assert.Equal(before, key.Pseudonym("Patient/1"));
    }
}
