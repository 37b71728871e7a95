package io.promptcms.api.importexport;

import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.importexport.exports.ExportService;

/** The objects of one {@link ExportFunction} container, built once from its environment. */
record ExportWiring(ExportService exports) {

    static ExportWiring of(Env env) {
        var aws = new AwsClients(env);
        return new ExportWiring(ImportExportServices.exports(env, aws, aws.dynamoDb(), false));
    }
}
