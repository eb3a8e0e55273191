using System.Globalization;
using System.Text;
using Dataspace.JsonLd.Rdf;

namespace Dataspace.JsonLd.Tests.Rdf;

/// <summary>A test-only reader for the Turtle/TriG subset TurtleWriter emits (@prefix, IRIs, prefixed names, "a", blank node labels, literals, bare integers and booleans, ";", ",", graph blocks), returning the quads as N-Quads.</summary>
/// <remarks>Written independently of the writer so a round trip proves the output means the same triples; it rejects anything outside the subset.</remarks>
internal sealed class TurtleSubsetParser
{
    private const string Xsd = "http://www.w3.org/2001/XMLSchema#";
    private readonly string _text;
    private readonly Dictionary<string, string> _prefixes = new(StringComparer.Ordinal);
    private readonly List<RdfQuad> _quads = [];
    private int _position;

    private TurtleSubsetParser(string text) => _text = text;

    public static string ToNQuads(string turtle)
    {
        var parser = new TurtleSubsetParser(turtle);
        parser.Document();
        return string.Concat(parser._quads.Select(q => q + "\n"));
    }

    private void Document()
    {
        while (SkipSpace())
        {
            if (TryConsume("@prefix"))
            {
                SkipSpace();
                var name = ReadUntil(':');
                Expect(':');
                SkipSpace();
                _prefixes[name] = IriRef();
                SkipSpace();
                Expect('.');
                continue;
            }

            var subject = Resource();
            SkipSpace();
            if (Peek() == '{')
            {
                Expect('{');
                while (SkipSpace() && Peek() != '}')
                {
                    Triples(Resource(), subject);
                }

                Expect('}');
                continue;
            }

            Triples(subject, null);
        }
    }

    private void Triples(RdfTerm subject, RdfTerm? graph)
    {
        while (true)
        {
            SkipSpace();
            var predicate = TryConsume("a ") ? RdfTerm.Iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type") : Resource();
            while (true)
            {
                SkipSpace();
                _quads.Add(new RdfQuad(subject, predicate, Object(), graph));
                SkipSpace();
                if (!TryConsume(","))
                {
                    break;
                }
            }

            if (TryConsume(";"))
            {
                continue;
            }

            Expect('.');
            return;
        }
    }

    private RdfTerm Resource()
    {
        SkipSpace();
        if (Peek() == '<')
        {
            return RdfTerm.Iri(IriRef());
        }

        if (TryConsume("_:"))
        {
            return RdfTerm.BlankNode("_:" + ReadName());
        }

        var prefix = ReadUntil(':');
        Expect(':');
        return RdfTerm.Iri(_prefixes[prefix] + ReadName());
    }

    private RdfTerm Object()
    {
        var c = Peek();
        if (c == '"')
        {
            var lexical = StringLiteral();
            if (TryConsume("@"))
            {
                return RdfTerm.Literal(lexical, language: ReadName());
            }

            return TryConsume("^^") ? RdfTerm.Literal(lexical, Resource().Value) : RdfTerm.Literal(lexical);
        }

        if (char.IsAsciiDigit(c) || c is '+' or '-')
        {
            return RdfTerm.Literal(ReadName(), Xsd + "integer");
        }

        if (TryConsume("true"))
        {
            return RdfTerm.Literal("true", Xsd + "boolean");
        }

        return TryConsume("false") ? RdfTerm.Literal("false", Xsd + "boolean") : Resource();
    }

    private string IriRef()
    {
        Expect('<');
        var builder = new StringBuilder();
        while (Peek() != '>')
        {
            builder.Append(Peek() == '\\' ? Escape() : _text[_position++]);
        }

        Expect('>');
        return builder.ToString();
    }

    private string StringLiteral()
    {
        Expect('"');
        var builder = new StringBuilder();
        while (Peek() != '"')
        {
            builder.Append(Peek() == '\\' ? Escape() : _text[_position++]);
        }

        Expect('"');
        return builder.ToString();
    }

    private string Escape()
    {
        Expect('\\');
        var e = _text[_position++];
        switch (e)
        {
            case 'u':
            case 'U':
                var length = e == 'u' ? 4 : 8;
                var code = int.Parse(_text.AsSpan(_position, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                _position += length;
                return char.ConvertFromUtf32(code);
            case 'n': return "\n";
            case 'r': return "\r";
            case 't': return "\t";
            case 'b': return "\b";
            case 'f': return "\f";
            case '"' or '\'' or '\\': return e.ToString();
            default: throw new FormatException($"unknown escape \\{e} at {_position}");
        }
    }

    // Names end before whitespace or punctuation; a '.' ends a name only when it is the last character before whitespace or the end.
    private string ReadName()
    {
        var start = _position;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (char.IsWhiteSpace(c) || c is ',' or ';' or '{' or '}' or '<' or '"')
            {
                break;
            }

            if (c == '.' && (_position + 1 == _text.Length || char.IsWhiteSpace(_text[_position + 1])))
            {
                break;
            }

            _position++;
        }

        return _text[start.._position];
    }

    private string ReadUntil(char end)
    {
        var start = _position;
        while (_text[_position] != end)
        {
            _position++;
        }

        return _text[start.._position];
    }

    private bool SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }

        return _position < _text.Length;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : throw new FormatException("unexpected end of Turtle");

    private bool TryConsume(string token)
    {
        if (string.CompareOrdinal(_text, _position, token, 0, token.Length) != 0)
        {
            return false;
        }

        _position += token.Length;
        return true;
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw new FormatException($"expected '{c}' at {_position}, found '{Peek()}' in:\n{_text}");
        }

        _position++;
    }
}
