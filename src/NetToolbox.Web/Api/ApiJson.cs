using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetToolbox.Web.Api;

/// <summary>One JSON shape for REST and SignalR: camelCase names, nulls omitted.</summary>
internal static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
    }
}
