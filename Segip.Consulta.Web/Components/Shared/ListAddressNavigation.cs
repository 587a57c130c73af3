using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Segip.Consulta.Web.Components.Shared;

public static class ListAddressNavigation
{
    /// <summary>
    /// Puts a list's state in the address of the current page, when it changed. Paging, sorting and typing replace
    /// the history entry; <paramref name="newEntry"/> (a new search) adds one, so Back returns to the previous search.
    /// </summary>
    public static string ShowInAddress(this NavigationManager navigation, string query, bool newEntry = false)
    {
        var uri = new Uri(navigation.Uri).GetLeftPart(UriPartial.Path) + query;
        if (uri != navigation.Uri) navigation.NavigateTo(uri, replace: !newEntry);
        return uri;
    }
}

/// <summary>One way a list can be sorted: its sort label and the column's name.</summary>
public sealed record SortChoice(string Key, string Label);

public static class ListTableExtensions
{
    /// <summary>After a filter changed: back to the first page (the old page number may not exist any more), then load.</summary>
    public static async Task FirstPageAsync<T>(this MudTable<T>? table)
    {
        if (table is null) return;
        table.NavigateTo(0);
        await table.ReloadServerData();
    }
}
