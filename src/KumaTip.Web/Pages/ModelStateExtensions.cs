using KumaTip.Application.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace KumaTip.Web.Pages;

public static class ModelStateExtensions
{
    /// <summary>Shows a service's error beside its field (or at the top of the form).</summary>
    public static void AddError(this ModelStateDictionary modelState, Error error) =>
        modelState.AddModelError(error.Field ?? string.Empty, error.Message);
}
