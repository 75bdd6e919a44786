using System.Globalization;
using System.Text.Json.Nodes;
using Litmind.Emulator.Data;

namespace Litmind.Emulator.Api;

/// <summary>The JSON shape of each Litmind entity, in one place so every endpoint agrees on it.</summary>
internal static class ApiJson
{
    /// <summary>
    /// A profile as in the login answer. <paramref name="withEntity"/> adds <c>"entity":"Profile"</c>,
    /// which list items carry and the login answer's nested profile does not.
    /// </summary>
    public static JsonObject Profile(DemoAccount account, bool withEntity)
    {
        var profile = new JsonObject();
        if (withEntity)
        {
            profile["entity"] = "Profile";
        }

        profile["id"] = account.Id;
        profile["profileImage"] = new JsonObject { ["urls"] = new JsonObject { ["thumbnail"] = account.ThumbnailUrl } };
        profile["username"] = account.Username;
        profile["typeTitle"] = account.TypeTitle;
        return profile;
    }

    public static JsonObject Model(ModelProfile model) => new()
    {
        ["entity"] = "Model",
        ["id"] = model.Id,
        ["username"] = model.Username,
        ["city"] = model.City,
        ["heightCm"] = model.HeightCm,
        ["agencyId"] = model.AgencyId,
    };

    /// <summary>A casting; <paramref name="detailed"/> adds the fields only the single-casting answer has.</summary>
    public static JsonObject Casting(CastingView view, bool detailed)
    {
        var casting = view.Casting;
        var json = new JsonObject
        {
            ["entity"] = "Casting",
            ["id"] = casting.Id,
            ["title"] = casting.Title,
            ["status"] = casting.Status,
            ["location"] = casting.Location,
            ["shootDate"] = casting.ShootDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["candidateCount"] = view.CandidateCount,
        };
        if (detailed)
        {
            json["ownerId"] = casting.OwnerId;
            json["description"] = casting.Description;
        }

        return json;
    }

    public static JsonObject Candidate(CandidateView candidate) => new()
    {
        ["entity"] = "Candidate",
        ["modelId"] = candidate.ModelId,
        ["username"] = candidate.Username,
        ["status"] = candidate.Status,
    };

    public static JsonObject Notification(Notification notification) => new()
    {
        ["entity"] = "Notification",
        ["id"] = notification.Id,
        ["type"] = notification.Type,
        ["text"] = notification.Text,
        ["createdAt"] = notification.CreatedAt,
        ["isRead"] = notification.IsRead,
    };

    /// <summary>A list entity without paging (e.g. candidates; the session list calls its items "accounts").</summary>
    public static JsonObject List(string entity, IEnumerable<JsonObject> items, string itemsProperty = "items") => new()
    {
        ["entity"] = entity,
        [itemsProperty] = new JsonArray([.. items]),
    };

    /// <summary>One page of a list entity.</summary>
    public static JsonObject Page<T>(string entity, Paging paging, IReadOnlyList<T> all, Func<T, JsonObject> toJson) => new()
    {
        ["entity"] = entity,
        ["page"] = paging.Page,
        ["pageSize"] = paging.PageSize,
        ["totalCount"] = all.Count,
        ["items"] = new JsonArray([.. paging.Slice(all).Select(toJson)]),
    };
}
