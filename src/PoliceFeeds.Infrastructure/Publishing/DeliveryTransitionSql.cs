using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;
using PoliceFeeds.Core.Publishing;

namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>
/// The state machine's rules (<see cref="DeliveryStateMachine"/>) as SQL: the condition of a conditional update (the
/// transition's allowed from-states) and its status expression (one <c>CASE</c> arm per rule arm, guards read from the row
/// as the update finds it). The publisher's writers never set a status or clear the marker any other way.
/// </summary>
public static class DeliveryTransitionSql
{
    private static readonly Expression<Func<Delivery, bool>> OwnAttempt = d => true;

    private static readonly Dictionary<DeliveryTransition, Expression<Func<Delivery, bool>>> Conditions =
        DeliveryStateMachine.Rules.ToDictionary(r => r.Transition, ConditionOf);

    private static readonly Dictionary<DeliveryTransition, Expression<Func<Delivery, DeliveryStatus>>> Targets =
        DeliveryStateMachine.Rules.ToDictionary(r => r.Transition, TargetOf);

    /// <summary>Only the deliveries <paramref name="transition"/> may start from.</summary>
    public static IQueryable<Delivery> Allowing(this IQueryable<Delivery> deliveries, DeliveryTransition transition) =>
        deliveries.Where(Conditions[transition]);

    /// <summary>
    /// The transition's status and marker setters. <paramref name="ownAttempt"/>: for <see cref="MarkerEffect.UndoOwnAttempt"/>,
    /// whether the marker is this attempt's own (set by it, no earlier uncertain attempt pending).
    /// </summary>
    public static UpdateSettersBuilder<Delivery> Transition(this UpdateSettersBuilder<Delivery> setters, DeliveryTransition transition, DateTime nowUtc, bool ownAttempt = false) =>
        setters.Transition(transition, nowUtc, ownAttempt ? OwnAttempt : null);

    /// <summary>As above, with whether each row's marker is its attempt's own decided by the row (a hand-back of a run).</summary>
    public static UpdateSettersBuilder<Delivery> Transition(this UpdateSettersBuilder<Delivery> setters, DeliveryTransition transition, DateTime nowUtc, Expression<Func<Delivery, bool>>? ownAttempt)
    {
        setters.SetProperty(d => d.Status, Targets[transition]);
        switch (DeliveryStateMachine.Rule(transition).Marker)
        {
            case MarkerEffect.Set:
                setters.SetProperty(d => d.PossiblySentSinceUtc, d => d.PossiblySentSinceUtc ?? nowUtc);
                break;
            case MarkerEffect.AnsweredOnline or MarkerEffect.AnsweredAbsent:
                setters.SetProperty(d => d.PossiblySentSinceUtc, (DateTime?)null);
                break;
            case MarkerEffect.UndoOwnAttempt when ownAttempt is not null:
                var d = ownAttempt.Parameters[0];
                var marker = Expression.Property(d, nameof(Delivery.PossiblySentSinceUtc));
                var undone = Expression.Condition(ownAttempt.Body, Expression.Constant(null, typeof(DateTime?)), marker);
                setters.SetProperty(x => x.PossiblySentSinceUtc, Expression.Lambda<Func<Delivery, DateTime?>>(undone, d));
                break;
        }

        return setters.SetProperty(d => d.Version, d => d.Version + 1);
    }

    private static Expression<Func<Delivery, bool>> ConditionOf(TransitionRule rule)
    {
        var d = Expression.Parameter(typeof(Delivery), "d");
        var status = Expression.Property(d, nameof(Delivery.Status));
        Expression? any = null;
        foreach (var from in rule.From.Order())
        {
            var equal = Expression.Equal(status, Expression.Constant(from));
            any = any is null ? equal : Expression.OrElse(any, equal);
        }

        return Expression.Lambda<Func<Delivery, bool>>(any!, d);
    }

    private static Expression<Func<Delivery, DeliveryStatus>> TargetOf(TransitionRule rule)
    {
        var d = Expression.Parameter(typeof(Delivery), "d");
        var status = Expression.Property(d, nameof(Delivery.Status));

        // Arms in order, the first that holds wins; a row no arm matches keeps its status (the condition excludes it anyway).
        Expression result = status;
        foreach (var arm in rule.Arms.Reverse())
        {
            Expression test = Expression.Equal(status, Expression.Constant(arm.From));
            if (arm.Guard != TransitionGuard.Always)
            {
                test = Expression.AndAlso(test, Guard(arm.Guard, d));
            }

            result = Expression.Condition(test, Expression.Constant(arm.To), result);
        }

        return Expression.Lambda<Func<Delivery, DeliveryStatus>>(result, d);
    }

    private static Expression Guard(TransitionGuard guard, ParameterExpression d) => guard switch
    {
        TransitionGuard.WithdrawIfFound => Expression.Property(d, nameof(Delivery.WithdrawIfFound)),
        TransitionGuard.NotWithdrawIfFound => Expression.Not(Expression.Property(d, nameof(Delivery.WithdrawIfFound))),
        TransitionGuard.PossiblySent => Expression.NotEqual(Expression.Property(d, nameof(Delivery.PossiblySentSinceUtc)), Expression.Constant(null, typeof(DateTime?))),
        TransitionGuard.NotPossiblySent => Expression.Equal(Expression.Property(d, nameof(Delivery.PossiblySentSinceUtc)), Expression.Constant(null, typeof(DateTime?))),
        TransitionGuard.Held => Expression.NotEqual(Expression.Property(d, nameof(Delivery.Hold)), Expression.Constant(DeliveryHold.None)),
        _ => throw new ArgumentOutOfRangeException(nameof(guard)),
    };
}
