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
        if (output.Attributes.TryGetAttribute("class", out var classes)
            && classes.Value?.ToString()?.Contains("validation-summary-valid", StringComparison.Ordinal) == true)
        {
            output.PostContent.Clear();
        }
    }
}
