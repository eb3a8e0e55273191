using Dataspace.JsonLd.Iri;

namespace Dataspace.JsonLd.Context;

/// <summary>IRI expansion (JSON-LD 1.1 API §5.2): turns a term, compact IRI or relative IRI into an absolute IRI, blank node identifier or keyword.</summary>
internal static class IriExpansion
{
    public static string? Expand(ActiveContext active, string? value, bool documentRelative = false, bool vocab = false, TermCreationScope? scope = null)
    {
        if (value is null || Keywords.IsKeyword(value))
        {
            return value;
        }

        if (Keywords.HasKeywordForm(value))
        {
            return null;
        }

        if (scope is not null && scope.LocalContext.ContainsKey(value) && !scope.IsDefined(value))
        {
            TermDefinitionCreation.Create(scope, active, value);
        }

        var definition = active.Term(value);
        if (definition is not null && Keywords.IsKeyword(definition.IriMapping))
        {
            return definition.IriMapping;
        }

        if (vocab && active.Terms.ContainsKey(value))
        {
            return definition!.IriMapping;
        }

        var colon = value.Length > 1 ? value.IndexOf(':', 1) : -1;
        if (colon > 0)
        {
            var prefix = value[..colon];
            var suffix = value[(colon + 1)..];
            if (prefix == "_" || suffix.StartsWith("//", StringComparison.Ordinal))
            {
                return value;
            }

            if (scope is not null && scope.LocalContext.ContainsKey(prefix) && !scope.IsDefined(prefix))
            {
                TermDefinitionCreation.Create(scope, active, prefix);
            }

            if (active.Term(prefix) is { IriMapping: not null, IsPrefix: true } prefixDefinition)
            {
                return prefixDefinition.IriMapping + suffix;
            }

            if (IriSyntax.IsAbsolute(value))
            {
                return value;
            }
        }

        if (vocab && active.VocabularyMapping is not null)
        {
            return active.VocabularyMapping + value;
        }

        if (documentRelative)
        {
            return IriResolution.Resolve(active.BaseIri, value);
        }

        return value;
    }
}
