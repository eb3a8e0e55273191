using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Dataspace.Fhir.Api;

/// <summary>
/// Admits <c>/fhir</c> callers by <c>X-Api-Key</c>. FHIR resources are PHI, so only keys that may access PHI (the
/// operator's) get in, for reads as well as writes; a known key without that right (the regulator's) gets 403, an
/// unknown or missing key 401.
/// </summary>
public sealed class FhirAccessFilter(IOptions<FhirOptions> options) : IEndpointFilter
{
    /// <summary>The request header carrying the key.</summary>
    public const string Header = "X-Api-Key";

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = Encoding.UTF8.GetBytes(context.HttpContext.Request.Headers[Header].ToString());
        FhirApiKey? match = null;
        // Every key is compared, in constant time, so timing reveals neither which key matched nor how much of one did.
        foreach (var key in options.Value.ApiKeys)
        {
            if (key.Key.Length > 0 && CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(key.Key)))
                match = key;
        }
        if (match is null)
            return OperationOutcomes.Error(StatusCodes.Status401Unauthorized, OperationOutcome.IssueType.Login, "A valid X-Api-Key is required.");
        if (!match.MayAccessPhi)
            return OperationOutcomes.Error(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, "This role may not access patient data.");
        return await next(context);
    }
}
