using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PoliceFeeds.FakeX;

/// <summary>
/// Checks a request against the parts of X's OpenAPI description kept in <c>Schemas/</c>: for bodies, types,
/// properties, additionalProperties, required, patterns, enums, lengths, bounds, array sizes, anyOf/oneOf and $ref; for
/// query strings, the endpoint's parameters (unknown ones, bounds, date-times, comma-separated enums). Enough of JSON
/// Schema for X's requests.
/// </summary>
public sealed class SchemaValidator
{
    private readonly JsonElement _schemas;
    private readonly JsonElement _parameters;

    private SchemaValidator(JsonElement root)
    {
        _schemas = root.TryGetProperty("schemas", out var schemas) ? schemas.Clone() : default;
        _parameters = root.TryGetProperty("parameters", out var parameters) ? parameters.Clone() : default;
    }

    public static SchemaValidator Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Schemas", fileName);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new SchemaValidator(document.RootElement);
    }

    /// <summary>The problems found (empty when the body is valid), as X's <c>errors[].message</c> would say.</summary>
    public IReadOnlyList<string> Validate(string schemaName, JsonElement body)
    {
        var errors = new List<string>();
        Check(_schemas.GetProperty(schemaName), body, "$", errors);
        return errors;
    }

    /// <summary>
    /// The problems of a query string against the endpoint's parameters. <paramref name="aliases"/> maps a name X's
    /// documentation uses to the description's (for example <c>tweet.fields</c> to <c>post.fields</c>).
    /// </summary>
    public IReadOnlyList<string> ValidateQuery(IEnumerable<KeyValuePair<string, string>> query, IReadOnlyDictionary<string, string> aliases)
    {
        var errors = new List<string>();
        var known = _parameters.EnumerateObject().Select(p => p.Name).Concat(aliases.Keys).Order(StringComparer.Ordinal).ToList();
        foreach (var (rawName, value) in query)
        {
            var name = aliases.GetValueOrDefault(rawName, rawName);
            if (!_parameters.TryGetProperty(name, out var schema))
            {
                errors.Add($"The query parameter [{rawName}] is not one of [{string.Join(",", known)}]");
                continue;
            }

            if (schema.GetProperty("type").GetString() == "array")
            {
                var items = value.Split(',');
                if (schema.TryGetProperty("uniqueItems", out var unique) && unique.GetBoolean() && items.Distinct(StringComparer.Ordinal).Count() != items.Length)
                {
                    errors.Add($"The `{rawName}` query parameter value has duplicates");
                }

                foreach (var item in items)
                {
                    CheckScalar(schema.GetProperty("items"), item, rawName, errors);
                }
            }
            else
            {
                CheckScalar(schema, value, rawName, errors);
            }
        }

        return errors;
    }

    private static void CheckScalar(JsonElement schema, string value, string name, List<string> errors)
    {
        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : "string";
        if (type == "integer")
        {
            if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                errors.Add($"The `{name}` query parameter value [{value}] is not a number");
            }
            else if ((schema.TryGetProperty("minimum", out var min) && number < min.GetInt64()) || (schema.TryGetProperty("maximum", out var max) && number > max.GetInt64()))
            {
                errors.Add($"The `{name}` query parameter value [{value}] is out of range");
            }

            return;
        }

        if (schema.TryGetProperty("format", out var format) && format.GetString() == "date-time"
            && !DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"Invalid '{name}':'{value}'. '{name}' must be a valid RFC 3339 date-time");
        }

        using var document = JsonDocument.Parse(JsonSerializer.Serialize(value));
        var scalarErrors = new List<string>();
        CheckString(schema, document.RootElement, name, scalarErrors);
        errors.AddRange(scalarErrors.Select(e => $"The `{name}` query parameter value [{value}] {e}"));
    }

    private void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(_schemas.GetProperty(reference.GetString()!.Split('/')[^1]), value, path, errors);
            return;
        }

        foreach (var combinator in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(combinator, out var options))
            {
                var passing = options.EnumerateArray().Count(option =>
                {
                    var optionErrors = new List<string>();
                    Check(option, value, path, optionErrors);
                    return optionErrors.Count == 0;
                });
                if (passing == 0 || (combinator == "oneOf" && passing > 1 && !schema.TryGetProperty("discriminator", out _)))
                {
                    errors.Add($"{path} does not match the allowed shapes");
                }
            }
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var expected = type.GetString();
            var ok = (value.ValueKind == JsonValueKind.Null && schema.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean()) || expected switch
            {
                "object" => value.ValueKind == JsonValueKind.Object,
                "array" => value.ValueKind == JsonValueKind.Array,
                "string" => value.ValueKind == JsonValueKind.String,
                "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
                "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
                "number" => value.ValueKind == JsonValueKind.Number,
                _ => true,
            };
            if (!ok)
            {
                errors.Add($"{path} must be of type {expected}");
                return;
            }
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(schema, value, path, errors);
                break;
            case JsonValueKind.Array:
                CheckArray(schema, value, path, errors);
                break;
            case JsonValueKind.String:
                CheckString(schema, value, path, errors);
                break;
            case JsonValueKind.Number when value.TryGetInt64(out var number):
                if ((schema.TryGetProperty("minimum", out var min) && number < min.GetInt64()) || (schema.TryGetProperty("maximum", out var max) && number > max.GetInt64()))
                {
                    errors.Add($"{path} is out of range");
                }

                break;
        }
    }

    private void CheckObject(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    errors.Add($"{path}.{name} is required");
                }
            }
        }

        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(propertySchema, property.Value, $"{path}.{property.Name}", errors);
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False)
            {
                errors.Add($"{path}.{property.Name} is not a known property");
            }
        }
    }

    private void CheckArray(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        var count = value.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var min) && count < min.GetInt32())
        {
            errors.Add($"{path} needs at least {min.GetInt32()} items");
        }

        if (schema.TryGetProperty("maxItems", out var max) && count > max.GetInt32())
        {
            errors.Add($"{path} allows at most {max.GetInt32()} items");
        }

        if (schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(items, item, $"{path}[{index++}]", errors);
            }
        }
    }

    private static void CheckString(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        var text = value.GetString()!;
        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add($"{path} does not match {pattern.GetString()}");
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => a.GetString() == text))
        {
            errors.Add($"{path} is not an allowed value");
        }

        // JSON Schema lengths count code points.
        var length = text.EnumerateRunes().Count();
        if (schema.TryGetProperty("minLength", out var minLength) && length < minLength.GetInt32())
        {
            errors.Add($"{path} is shorter than {minLength.GetInt32()} characters");
        }

        if (schema.TryGetProperty("maxLength", out var maxLength) && length > maxLength.GetInt32())
        {
            errors.Add($"{path} is longer than {maxLength.GetInt32()} characters");
        }
    }
}
