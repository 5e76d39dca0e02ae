using System.Text.Json;
using System.Text.RegularExpressions;

namespace PoliceFeeds.FakeX;

/// <summary>
/// Checks a JSON body against the part of X's OpenAPI description kept in <c>Schemas/</c>: types, properties,
/// additionalProperties, required, patterns, enums, array sizes and $ref. Enough of JSON Schema for X's request bodies.
/// </summary>
public sealed class SchemaValidator
{
    private readonly JsonElement _schemas;

    private SchemaValidator(JsonElement schemas) => _schemas = schemas;

    public static SchemaValidator Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Schemas", fileName);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new SchemaValidator(document.RootElement.GetProperty("schemas").Clone());
    }

    /// <summary>The problems found (empty when the body is valid), as X's <c>errors[].message</c> would say.</summary>
    public IReadOnlyList<string> Validate(string schemaName, JsonElement body)
    {
        var errors = new List<string>();
        Check(_schemas.GetProperty(schemaName), body, "$", errors);
        return errors;
    }

    private void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(_schemas.GetProperty(reference.GetString()!.Split('/')[^1]), value, path, errors);
            return;
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var expected = type.GetString();
            var ok = expected switch
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

        if (value.ValueKind == JsonValueKind.Object)
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

        if (value.ValueKind == JsonValueKind.Array)
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

        if (value.ValueKind == JsonValueKind.String)
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
        }
    }
}
