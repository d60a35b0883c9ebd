using KumaTip.Application.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace KumaTip.Web.Pages;

public static class ModelStateExtensions
{
    /// <summary>
    /// Shows a service's error beside its field (or at the top of the form); <paramref name="prefix"/> names the
    /// bound input record the field is a property of (<c>Input</c>).
    /// </summary>
    public static void AddError(this ModelStateDictionary modelState, Error error, string? prefix = null) =>
        modelState.AddModelError(error.Field is null ? string.Empty : prefix is null ? error.Field : $"{prefix}.{error.Field}", error.Message);
}
