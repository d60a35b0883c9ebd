using Microsoft.AspNetCore.Mvc.Filters;

namespace KumaTip.Web.Localization;

/// <summary>
/// Every error a page shows beside a field or above its form (a service's refusal, a value the binder could not read)
/// is in the reader's language: the messages in the model state are translated once the handler has run, before the
/// page renders them.
/// </summary>
public sealed class TranslateServiceErrorsFilter(ServiceErrorTranslator translator) : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
        foreach (var entry in context.ModelState.Values.Where(e => e.Errors.Count > 0))
        {
            var translated = entry.Errors.Select(e => string.IsNullOrEmpty(e.ErrorMessage) ? e : new Microsoft.AspNetCore.Mvc.ModelBinding.ModelError(translator.Translate(e.ErrorMessage))).ToList();
            entry.Errors.Clear();
            translated.ForEach(entry.Errors.Add);
        }
    }
}
