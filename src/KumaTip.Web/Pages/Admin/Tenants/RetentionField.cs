using KumaTip.Application.Tenancy;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace KumaTip.Web.Pages.Admin.Tenants;

/// <summary>The tenant forms' "Keep events for (days)" field.</summary>
internal static class RetentionField
{
    private const string Key = $"Input.{nameof(TenantInput.RetentionDays)}";

    /// <summary>
    /// Not a whole number: says what is expected instead of the binder's message, and tells the page to show the form
    /// again with the rest as typed (the binder left the field empty, which would otherwise read as "the default").
    /// </summary>
    public static bool IsUnreadable(ModelStateDictionary modelState)
    {
        if (modelState[Key]?.Errors.Count is not > 0)
        {
            return false;
        }

        modelState.Remove(Key);
        modelState.AddModelError(Key, TenantService.RetentionOutOfRangeMessage);
        return true;
    }
}
