using System.Globalization;
using System.Text;

namespace Dataspace.PolicyEngine.Tests.SolidLab;

/// <summary>
/// Test-only Turtle reader, enough for the SolidLab ODRL suite: @prefix/PREFIX and @base/BASE, IRIs and prefixed names,
/// "a", string literals (short and long, with escapes) with a datatype or language tag, numbers and booleans, blank node
/// labels, blank node property lists <c>[ … ]</c>, collections <c>( … )</c>, and the <c>;</c> and <c>,</c> abbreviations.
/// It does not validate every production of the grammar: input it cannot read throws <see cref="FormatException"/>.
/// </summary>
internal sealed class TurtleReader
{
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const string Xsd = "http://www.w3.org/2001/XMLSchema#";

    private readonly string _text;
    private readonly Dictionary<string, string> _prefixes = new(StringComparer.Ordinal);
    private readonly List<TurtleTriple> _triples = [];
    private string? _base;
    private int _position;
    private int _blankNodes;

    private TurtleReader(string text) => _text = text;

    public static IReadOnlyList<TurtleTriple> Read(string text)
    {
        var reader = new TurtleReader(text);
        reader.Document();
        return reader._triples;
    }

    private void Document()
    {
        while (SkipSpace())
        {
            if (Peek() == '@' || LooksLikeKeyword("PREFIX") || LooksLikeKeyword("BASE"))
            {
                Directive();
                continue;
            }

            if (Peek() == '[')
            {
                var subject = BlankNodePropertyList();
                SkipSpace();
                if (Peek() != '.')
                {
                    PredicateObjectList(subject);
                }
            }
            else
            {
                PredicateObjectList(Subject());
            }

            Expect('.');
        }
    }

    private void Directive()
    {
        var sparqlStyle = Peek() != '@';
        if (sparqlStyle ? LooksLikeKeyword("PREFIX") : _text.AsSpan(_position).StartsWith("@prefix", StringComparison.Ordinal))
        {
            _position += sparqlStyle ? "PREFIX".Length : "@prefix".Length;
            SkipSpace();
            var colon = _text.IndexOf(':', _position);
            var name = _text[_position..colon].Trim();
            _position = colon + 1;
            SkipSpace();
            _prefixes[name] = IriRef();
        }
        else if (sparqlStyle ? LooksLikeKeyword("BASE") : _text.AsSpan(_position).StartsWith("@base", StringComparison.Ordinal))
        {
            _position += sparqlStyle ? "BASE".Length : "@base".Length;
            SkipSpace();
            _base = IriRef();
        }
        else
        {
            throw Error("unknown directive");
        }

        if (!sparqlStyle)
        {
            Expect('.');
        }
    }

    private TurtleTerm Subject() => Peek() switch
    {
        '(' => Collection(),
        '_' => BlankLabel(),
        _ => TurtleTerm.Iri(Iri()),
    };

    private void PredicateObjectList(TurtleTerm subject)
    {
        while (true)
        {
            SkipSpace();
            var predicate = Verb();
            do
            {
                SkipSpace();
                _triples.Add(new TurtleTriple(subject, predicate, Object()));
                SkipSpace();
            }
            while (TryConsume(','));

            if (!TryConsume(';'))
            {
                return;
            }

            // Repeated semicolons and a trailing one before '.' or ']' are allowed.
            while (SkipSpace() && TryConsume(';'))
            {
            }

            if (Peek() is '.' or ']' || _position >= _text.Length)
            {
                return;
            }
        }
    }

    private string Verb()
    {
        if (Peek() == 'a' && _position + 1 < _text.Length && char.IsWhiteSpace(_text[_position + 1]))
        {
            _position++;
            return Rdf + "type";
        }

        return Iri();
    }

    private TurtleTerm Object()
    {
        var c = Peek();
        return c switch
        {
            '[' => BlankNodePropertyList(),
            '(' => Collection(),
            '"' or '\'' => Literal(),
            '_' when _position + 1 < _text.Length && _text[_position + 1] == ':' => BlankLabel(),
            _ when char.IsDigit(c) || c is '+' or '-' || (c == '.' && _position + 1 < _text.Length && char.IsDigit(_text[_position + 1])) => Number(),
            _ when LooksLikeKeyword("true") || LooksLikeKeyword("false") => Boolean(),
            _ => TurtleTerm.Iri(Iri()),
        };
    }

    private TurtleTerm BlankNodePropertyList()
    {
        Expect('[');
        var node = NewBlank();
        SkipSpace();
        if (Peek() != ']')
        {
            PredicateObjectList(node);
        }

        Expect(']');
        return node;
    }

    private TurtleTerm Collection()
    {
        Expect('(');
        var items = new List<TurtleTerm>();
        while (SkipSpace() && Peek() != ')')
        {
            items.Add(Object());
        }

        Expect(')');
        if (items.Count == 0)
        {
            return TurtleTerm.Iri(Rdf + "nil");
        }

        var head = NewBlank();
        var current = head;
        for (var i = 0; i < items.Count; i++)
        {
            _triples.Add(new TurtleTriple(current, Rdf + "first", items[i]));
            var rest = i == items.Count - 1 ? TurtleTerm.Iri(Rdf + "nil") : NewBlank();
            _triples.Add(new TurtleTriple(current, Rdf + "rest", rest));
            current = rest;
        }

        return head;
    }

    private TurtleTerm BlankLabel()
    {
        _position += 2;
        var start = _position;
        while (_position < _text.Length && IsNameChar(_text[_position]))
        {
            _position++;
        }

        return new TurtleTerm(TurtleTermKind.Blank, "l-" + _text[start.._position]);
    }

    private TurtleTerm Literal()
    {
        var quote = _text[_position];
        var isLong = _text.AsSpan(_position).StartsWith(new string(quote, 3), StringComparison.Ordinal);
        _position += isLong ? 3 : 1;
        var value = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("unterminated string");
            }

            var c = _text[_position];
            if (isLong ? _text.AsSpan(_position).StartsWith(new string(quote, 3), StringComparison.Ordinal) : c == quote)
            {
                _position += isLong ? 3 : 1;
                break;
            }

            if (c == '\\')
            {
                value.Append(Escape());
                continue;
            }

            if (!isLong && c is '\n' or '\r')
            {
                throw Error("line break in a short string");
            }

            value.Append(c);
            _position++;
        }

        if (TryConsume('@'))
        {
            var start = _position;
            while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '-'))
            {
                _position++;
            }

            return new TurtleTerm(TurtleTermKind.Literal, value.ToString(), Rdf + "langString", _text[start.._position]);
        }

        if (_text.AsSpan(_position).StartsWith("^^", StringComparison.Ordinal))
        {
            _position += 2;
            return new TurtleTerm(TurtleTermKind.Literal, value.ToString(), Iri());
        }

        return new TurtleTerm(TurtleTermKind.Literal, value.ToString(), Xsd + "string");
    }

    private string Escape()
    {
        var c = _text[_position + 1];
        _position += 2;
        switch (c)
        {
            case 'u' or 'U':
                var length = c == 'u' ? 4 : 8;
                var code = int.Parse(_text.AsSpan(_position, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                _position += length;
                return char.ConvertFromUtf32(code);
            default:
                return c switch
                {
                    't' => "\t",
                    'b' => "\b",
                    'n' => "\n",
                    'r' => "\r",
                    'f' => "\f",
                    '"' or '\'' or '\\' => c.ToString(),
                    _ => throw Error($"unknown escape \\{c}"),
                };
        }
    }

    private TurtleTerm Number()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsDigit(_text[_position]) || _text[_position] is '+' or '-' or 'e' or 'E'
            || (_text[_position] == '.' && _position + 1 < _text.Length && char.IsDigit(_text[_position + 1]))))
        {
            _position++;
        }

        var lexical = _text[start.._position];
        var type = lexical.Contains('e', StringComparison.OrdinalIgnoreCase) ? "double" : lexical.Contains('.', StringComparison.Ordinal) ? "decimal" : "integer";
        return new TurtleTerm(TurtleTermKind.Literal, lexical, Xsd + type);
    }

    private TurtleTerm Boolean()
    {
        var value = LooksLikeKeyword("true") ? "true" : "false";
        _position += value.Length;
        return new TurtleTerm(TurtleTermKind.Literal, value, Xsd + "boolean");
    }

    private string Iri()
    {
        if (Peek() == '<')
        {
            return IriRef();
        }

        var start = _position;
        while (_position < _text.Length && (IsNameChar(_text[_position]) || _text[_position] == ':'
            || (_text[_position] == '.' && _position + 1 < _text.Length && IsNameChar(_text[_position + 1]))))
        {
            _position++;
        }

        var name = _text[start.._position];
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !_prefixes.TryGetValue(name[..colon], out var ns))
        {
            throw Error($"'{name}' is neither an IRI nor a name with a declared prefix");
        }

        return ns + name[(colon + 1)..];
    }

    private string IriRef()
    {
        Expect('<');
        var end = _text.IndexOf('>', _position);
        var iri = _text[_position..end];
        _position = end + 1;
        return _base is not null && !iri.Contains(':', StringComparison.Ordinal) ? new Uri(new Uri(_base), iri).AbsoluteUri : iri;
    }

    private TurtleTerm NewBlank() => new(TurtleTermKind.Blank, "g" + (_blankNodes++).ToString(CultureInfo.InvariantCulture));

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' || c > 0x7F;

    private bool LooksLikeKeyword(string keyword) =>
        _text.AsSpan(_position).StartsWith(keyword, StringComparison.OrdinalIgnoreCase)
        && (_position + keyword.Length >= _text.Length || !IsNameChar(_text[_position + keyword.Length]) && _text[_position + keyword.Length] != ':');

    /// <summary>Skips white space and comments; false at the end of the input.</summary>
    private bool SkipSpace()
    {
        while (_position < _text.Length)
        {
            if (char.IsWhiteSpace(_text[_position]))
            {
                _position++;
            }
            else if (_text[_position] == '#')
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    _position++;
                }
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private bool TryConsume(char c)
    {
        if (Peek() != c)
        {
            return false;
        }

        _position++;
        return true;
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (!TryConsume(c))
        {
            throw Error($"expected '{c}'");
        }
    }

    private FormatException Error(string message) =>
        new($"Turtle at offset {_position} (line {_text.AsSpan(0, Math.Min(_position, _text.Length)).Count('\n') + 1}): {message}");
}
