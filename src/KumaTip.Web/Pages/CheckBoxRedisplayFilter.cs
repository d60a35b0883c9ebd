using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace KumaTip.Web.Pages;

/// <summary>
/// A check box posted with a value that is not a boolean (<c>maybe</c>, <c>on,off</c>) fails to bind, which is the
/// client's mistake and is shown as a field error; but re-showing the page made the check box tag helper parse the
/// posted value again and throw (a 500). This forgets the posted text of such a field, keeping its error, so the page
/// is shown again with the box as the model has it.
/// </summary>
public sealed class CheckBoxRedisplayFilter(IModelMetadataProvider metadata) : IPageFilter
{
    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var modelState = context.ModelState;
        if (modelState.IsValid)
        {
            return;
        }

        var pageModel = metadata.GetMetadataForType(context.HandlerInstance.GetType());
        foreach (var (key, entry) in modelState.Where(e => e.Value?.ValidationState == ModelValidationState.Invalid).ToList())
        {
            if (IsBoolean(pageModel, key) && !bool.TryParse(entry?.AttemptedValue, out _))
            {
                modelState.SetModelValue(key, rawValue: null, attemptedValue: null);
            }
        }
    }

    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }

    /// <summary>Whether the model-state key (<c>Input.Disabled</c>) names a boolean property of the page's bound model.</summary>
    private static bool IsBoolean(ModelMetadata model, string key)
    {
        var current = model;
        foreach (var name in key.Split('.'))
        {
            if (current.Properties[name] is not { } property)
            {
                return false;
            }

            current = property;
        }

        return current.UnderlyingOrModelType == typeof(bool);
    }
}
