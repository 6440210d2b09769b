/* model/audit_log_service_account_created.h: one header per model, as the generated client has; everything is declared in openai_api.h. */
#include "../openai_api.h"
