/* model/external_storage_configuration.h: one header per model, as the generated client has; everything is declared in openai_api.h. */
#include "../openai_api.h"
