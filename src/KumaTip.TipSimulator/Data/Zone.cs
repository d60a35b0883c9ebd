namespace KumaTip.TipSimulator.Data;

/// <summary>TIP's verdict colours, from the most to the least dangerous.</summary>
internal enum Zone
{
    Red,
    Orange,
    Yellow,
    Grey,
    Green,
}
