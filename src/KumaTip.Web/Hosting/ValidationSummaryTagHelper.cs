using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace KumaTip.Web.Hosting;

/// <summary>
/// An error-free validation summary without the <c>&lt;li style="display:none"&gt;</c> ASP.NET Core writes into it
/// for client-side validation (which KumaTip does not use): the CSP (style-src 'self') blocks that inline style, and the
/// browser reports it as an error in the console of every page with a form.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class ValidationSummaryTagHelper : TagHelper
{
    /// <summary>After ASP.NET Core's own validation summary tag helper (order -1000) has written its content.</summary>
    public override int Order => 0;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (output.Attributes.TryGetAttribute("class", out var classes) && Text(classes.Value).Contains("validation-summary-valid", StringComparison.Ordinal))
        {
            output.PostContent.Clear();
        }
    }

    /// <summary>
    /// The class list as written: ASP.NET Core merges its classes into an <see cref="IHtmlContent"/>, whose ToString() is
    /// its type's name, not the classes.
    /// </summary>
    private static string Text(object? value)
    {
        if (value is not IHtmlContent html)
        {
            return value?.ToString() ?? string.Empty;
        }

        using var writer = new StringWriter();
        html.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }
}
