using System.Security.Cryptography;
using System.Text;
using Dataspace.Connector.Hosting;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Management;

/// <summary>Admits management API callers by <c>X-Api-Key</c>; the regulator role may only read.</summary>
public sealed class ApiKeyFilter(IOptions<ConnectorOptions> options) : IEndpointFilter
{
    /// <summary>The request header carrying the key.</summary>
    public const string Header = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = context.HttpContext.Request.Headers[Header].ToString();
        var role = RoleOf(presented);
        if (role is null)
            return Problems.Unauthorized();
        var method = context.HttpContext.Request.Method;
        var readOnly = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        if (role != ManagementRoles.Operator && !readOnly)
            return Problems.Forbidden("The regulator role is read-only.");
        context.HttpContext.Items[nameof(ManagementRoles)] = role;
        return await next(context);
    }

    private string? RoleOf(string presented)
    {
        if (presented.Length == 0)
            return null;
        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        string? role = null;
        // Compare against every key in constant time so that timing does not reveal how much of a key was right.
        foreach (var key in options.Value.Management.ApiKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(presentedBytes, Encoding.UTF8.GetBytes(key.Key)) && key.Key.Length > 0)
                role = key.Role;
        }
        return role;
    }
}
