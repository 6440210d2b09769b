/* model/list_audit_logs_effective_at_parameter.h: one header per model, as the generated client has; everything is declared in openai_api.h. */
#include "../openai_api.h"
