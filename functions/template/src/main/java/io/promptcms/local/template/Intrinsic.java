package io.promptcms.local.template;

/**
 * A CloudFormation intrinsic function kept as a value, e.g. {@code !Ref Bucket} → {@code Intrinsic("Ref", "Bucket")},
 * {@code Fn::GetAtt: [T, Arn]} → {@code Intrinsic("GetAtt", [T, Arn])}. The reader never evaluates them:
 * {@link LocalValues} resolves the few the local runtime needs.
 */
public record Intrinsic(String function, Object argument) {
}
