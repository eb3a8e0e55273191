// The processor works on a plain object model (the same shape a JSON parser would produce in a dynamic language):
// maps, lists, strings, doubles, booleans and null. This avoids JsonNode's single-parent rule and keeps copying cheap.
global using JsonMap = System.Collections.Generic.Dictionary<string, object?>;
global using JsonList = System.Collections.Generic.List<object?>;
