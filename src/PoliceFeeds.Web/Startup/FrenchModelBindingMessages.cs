using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace PoliceFeeds.Web.Startup;

/// <summary>
/// The messages model binding adds when a value cannot be read (a number field holding letters, an unknown choice),
/// in the user's language through the shared resources instead of the framework's English.
/// </summary>
public sealed class FrenchModelBindingMessages(IStringLocalizerFactory localizerFactory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var text = localizerFactory.Create(typeof(SharedResource));
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => text["Binding.ValueInvalid", value]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => text["Binding.ValueInvalid", value]);
        messages.SetUnknownValueIsInvalidAccessor(_ => text["Binding.UnknownValueInvalid"]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => text["Binding.UnknownValueInvalid"]);
        messages.SetValueIsInvalidAccessor(value => text["Binding.ValueInvalid", value]);
        messages.SetValueMustBeANumberAccessor(_ => text["Binding.ValueMustBeANumber"]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => text["Binding.ValueMustBeANumber"]);
        messages.SetValueMustNotBeNullAccessor(value => text["Binding.ValueMustNotBeNull", value]);
        messages.SetMissingBindRequiredValueAccessor(_ => text["Binding.MissingValue"]);
        messages.SetMissingKeyOrValueAccessor(() => text["Binding.MissingValue"]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => text["Binding.MissingValue"]);
    }
}
