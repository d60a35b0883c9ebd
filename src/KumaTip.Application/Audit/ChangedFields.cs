namespace KumaTip.Application.Audit;

/// <summary>The fields a change really altered, in the order it altered them, for its audit entry.</summary>
public sealed class ChangedFields : List<string>
{
    /// <summary>Sets the field when the wanted value differs from the current one, and names it.</summary>
    public void Set<T>(string field, T current, T wanted, Action<T> set)
    {
        if (!EqualityComparer<T>.Default.Equals(current, wanted))
        {
            set(wanted);
            Add(field);
        }
    }
}
