using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace PoliceFeeds.Web.Startup;

/// <summary>
/// Keeps the strings read from the .resx resources, per culture and name. <see cref="ResourceManagerStringLocalizer"/>
/// takes a lock inside <see cref="System.Resources.ResourceManager"/> on every lookup; a page that shows fifty rows makes
/// hundreds of lookups, and under concurrent requests that lock was a measured hot spot of the department home.
/// </summary>
public sealed class CachingStringLocalizerFactory(ResourceManagerStringLocalizerFactory inner) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<(Type, string?, string?), IStringLocalizer> _localizers = new();

    public IStringLocalizer Create(Type resourceSource) =>
        _localizers.GetOrAdd((resourceSource, null, null), _ => new CachingStringLocalizer(inner.Create(resourceSource)));

    public IStringLocalizer Create(string baseName, string location) =>
        _localizers.GetOrAdd((typeof(void), baseName, location), _ => new CachingStringLocalizer(inner.Create(baseName, location)));

    private sealed class CachingStringLocalizer(IStringLocalizer inner) : IStringLocalizer
    {
        private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _strings = new();

        public LocalizedString this[string name] =>
            _strings.GetOrAdd((CultureInfo.CurrentUICulture.Name, name), key => inner[key.Name]);

        public LocalizedString this[string name, params object[] arguments]
        {
            get
            {
                var format = this[name];
                return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
            }
        }

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
    }
}
