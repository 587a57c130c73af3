namespace Segip.Consulta.Core.Domain;

/// <summary>An entity whose creation time the data layer records (see <c>TimestampInterceptor</c>).</summary>
public interface ICreationStamped
{
    DateTime CreatedUtc { get; set; }
}

/// <summary>An entity whose last change time the data layer records as well.</summary>
public interface IUpdateStamped : ICreationStamped
{
    DateTime UpdatedUtc { get; set; }
}
