package io.promptcms.api.importexport;

import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.importexport.imports.ImportService;

/** The objects of one {@link ImportFunction} container, built once from its environment. */
record ImportWiring(ImportService jobs) {

    static ImportWiring of(Env env) {
        var aws = new AwsClients(env);
        return new ImportWiring(ImportExportServices.importJobs(env, aws, aws.dynamoDb(), false));
    }
}
