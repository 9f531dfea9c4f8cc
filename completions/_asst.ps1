
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'asst' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'asst'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'asst' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('thread', 'thread', [CompletionResultType]::ParameterValue, 'Create and inspect threads (conversations)')
            [CompletionResult]::new('ask', 'ask', [CompletionResultType]::ParameterValue, 'Ask a question and stream the answer to stdout')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'Set up and inspect vector stores, which file search reads')
            [CompletionResult]::new('response', 'response', [CompletionResultType]::ParameterValue, 'Wait for, show or cancel a response (background answers, ''ask --detach'')')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'Ask many questions: a few at a time, paced against rate limits, resumable; or through the provider''s Batch API')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the settings the next command would use, and where each one comes from')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'asst;thread' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create a thread and print its id')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a thread''s whole transcript, oldest message first')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the threads asst created or used, newest first (from its registry)')
            [CompletionResult]::new('name', 'name', [CompletionResultType]::ParameterValue, 'Give a thread a name, to use wherever a thread id is taken')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete threads on the server and forget them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'asst;thread;new' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Attach metadata to the thread (repeatable)')
            [CompletionResult]::new('--metadata', '--metadata', [CompletionResultType]::ParameterName, 'Attach metadata to the thread (repeatable)')
            [CompletionResult]::new('--assistant', '--assistant', [CompletionResultType]::ParameterName, 'Create an Assistants thread for this assistant (selects the Assistants API)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name the thread, to use wherever a thread id is taken')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;thread;show' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Only the newest N messages (still printed oldest first)')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Only the messages after this one (a message or item id), for what is new')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--last', '--last', [CompletionResultType]::ParameterName, 'Show the thread used last on this provider, endpoint and profile (the one ''ask -c'' continues)')
            [CompletionResult]::new('--no-citations', '--no-citations', [CompletionResultType]::ParameterName, 'Show citations without [n] markers and source lists')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;thread;list' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many threads')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Threads of every provider and endpoint, not only the current one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;thread;name' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;thread;rm' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Forget the threads without deleting them on the server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;thread;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create a thread and print its id')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a thread''s whole transcript, oldest message first')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the threads asst created or used, newest first (from its registry)')
            [CompletionResult]::new('name', 'name', [CompletionResultType]::ParameterValue, 'Give a thread a name, to use wherever a thread id is taken')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete threads on the server and forget them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'asst;thread;help;new' {
            break
        }
        'asst;thread;help;show' {
            break
        }
        'asst;thread;help;list' {
            break
        }
        'asst;thread;help;name' {
            break
        }
        'asst;thread;help;rm' {
            break
        }
        'asst;thread;help;help' {
            break
        }
        'asst;ask' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Continue this thread (an id or a name) instead of starting a new one')
            [CompletionResult]::new('--thread', '--thread', [CompletionResultType]::ParameterName, 'Continue this thread (an id or a name) instead of starting a new one')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Upload this file and search it for this question (repeatable; see the README for where the files live afterwards)')
            [CompletionResult]::new('--chunk-size', '--chunk-size', [CompletionResultType]::ParameterName, 'Cut the attached files into chunks of at most this many tokens (100 to 4096; what the API chooses unasked is 800; Responses)')
            [CompletionResult]::new('--chunk-overlap', '--chunk-overlap', [CompletionResultType]::ParameterName, 'Tokens each chunk of the attached files shares with the one before, at most half of --chunk-size [default: 400, or half of --chunk-size if less]')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Model, or deployment name on Azure [default: gpt-4o-mini on OpenAI]')
            [CompletionResult]::new('--instructions', '--instructions', [CompletionResultType]::ParameterName, 'System instructions sent with the question')
            [CompletionResult]::new('--vector-store', '--vector-store', [CompletionResultType]::ParameterName, 'Search this vector store (repeatable; the env variable takes a comma-separated list)')
            [CompletionResult]::new('--assistant', '--assistant', [CompletionResultType]::ParameterName, 'Answer with this assistant (selects the Assistants API)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Search only files whose attributes match (repeatable, all must hold): key=value, key!=value, key<n, key<=n, key>n, key>=n, key in a,b, key not in a,b (Responses)')
            [CompletionResult]::new('--max-results', '--max-results', [CompletionResultType]::ParameterName, 'At most this many search results (1 to 50; Responses)')
            [CompletionResult]::new('--score-threshold', '--score-threshold', [CompletionResultType]::ParameterName, 'Only results scoring at least this (0 to 1; Responses)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Answer with JSON that follows this JSON schema (a strict structured output; Responses); text mode prints the JSON alone')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Attach metadata to the response or run (repeatable)')
            [CompletionResult]::new('--metadata', '--metadata', [CompletionResultType]::ParameterName, 'Attach metadata to the response or run (repeatable)')
            [CompletionResult]::new('--max-output-tokens', '--max-output-tokens', [CompletionResultType]::ParameterName, 'The most tokens the answer may take, reasoning included (at least 16; Assistants: max_completion_tokens, at least 256); past it the answer is incomplete (exit 8)')
            [CompletionResult]::new('--reasoning-effort', '--reasoning-effort', [CompletionResultType]::ParameterName, 'How much a reasoning model reasons before it answers (Responses)')
            [CompletionResult]::new('--temperature', '--temperature', [CompletionResultType]::ParameterName, 'Sampling temperature, from 0 (focused) to 2 (varied); reasoning models take none')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Continue the thread used last on this provider, endpoint and profile')
            [CompletionResult]::new('--continue', '--continue', [CompletionResultType]::ParameterName, 'Continue the thread used last on this provider, endpoint and profile')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Do not read standard input, even when it is not a terminal (for loops over stdin)')
            [CompletionResult]::new('--no-stdin', '--no-stdin', [CompletionResultType]::ParameterName, 'Do not read standard input, even when it is not a terminal (for loops over stdin)')
            [CompletionResult]::new('--show-search', '--show-search', [CompletionResultType]::ParameterName, 'Report what file search retrieved: `search` events with --json, else on stderr')
            [CompletionResult]::new('--background', '--background', [CompletionResultType]::ParameterName, 'Run the answer in the background on the server, so that it survives a dropped connection and the stream resumes where it was cut (Responses only; env ASST_BACKGROUND, profile ''background'') [default: off]')
            [CompletionResult]::new('--no-background', '--no-background', [CompletionResultType]::ParameterName, 'Do not run the answer in the background, whatever ASST_BACKGROUND or the profile say')
            [CompletionResult]::new('--detach', '--detach', [CompletionResultType]::ParameterName, 'Return as soon as the answer exists, printing its response id; collect it later with ''asst response wait ID'' (implies --background)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests the question would send (line, headers, body), and send nothing: no key is read (its header says where it would come from) and no thread is made or recorded (Responses only)')
            [CompletionResult]::new('--no-citations', '--no-citations', [CompletionResultType]::ParameterName, 'Print no [n] markers and no source list')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notices about settings that have no effect (batch: and no progress line)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notices about settings that have no effect (batch: and no progress line)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;store' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Upload files into a new vector store, wait until they are searchable, print its id')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Upload files into a store: new ones added, changed ones replaced, unchanged ones skipped')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Make a store mirror folders: new files added, changed ones replaced, unchanged ones left, and with --delete files no longer there removed')
            [CompletionResult]::new('rm-file', 'rm-file', [CompletionResultType]::ParameterValue, 'Take files out of a store, by path or file id')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Rename a store, or set, move or end its expiry; prints its row as show does')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search a store as file search would, without a model: the chunks a question retrieves, best first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a store and its files with their processing status')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List stores, newest first')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a store (and, with --with-files, the files in it)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'asst;store;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The store''s name [default: the first file''s name]')
            [CompletionResult]::new('--file-name', '--file-name', [CompletionResultType]::ParameterName, 'The name of the file read from standard input (''-'') [default: stdin.txt]')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'In folders, only files matching this glob, of those the ignore rules let through (repeatable)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'In folders, leave out files and folders matching this glob (repeatable; wins over --include)')
            [CompletionResult]::new('--attr', '--attr', [CompletionResultType]::ParameterName, 'An attribute for the files added, for --filter (repeatable; true/false, a number that reads back as written, or text: 007 and 1.10 stay text)')
            [CompletionResult]::new('--expires-after', '--expires-after', [CompletionResultType]::ParameterName, 'Have the server delete the store once it has gone this many days unused (1 to 365)')
            [CompletionResult]::new('--chunk-size', '--chunk-size', [CompletionResultType]::ParameterName, 'Cut the files added into chunks of at most this many tokens (100 to 4096; what the API chooses unasked is 800)')
            [CompletionResult]::new('--chunk-overlap', '--chunk-overlap', [CompletionResultType]::ParameterName, 'Tokens each chunk shares with the one before, at most half of --chunk-size [default: 400, or half of --chunk-size if less]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--hidden', '--hidden', [CompletionResultType]::ParameterName, 'In folders, take hidden files and folders too')
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'Follow symbolic links in folders (by default they are skipped, as ripgrep does)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Follow symbolic links in folders (by default they are skipped, as ripgrep does)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be uploaded and change nothing (no server is asked, no key needed)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress on stderr')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return once the files are uploaded, without waiting until they are searchable')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;store;add' {
            [CompletionResult]::new('--file-name', '--file-name', [CompletionResultType]::ParameterName, 'The name of the file read from standard input (''-'') [default: stdin.txt]')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The name of the file read from standard input (''-'') [default: stdin.txt]')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'In folders, only files matching this glob, of those the ignore rules let through (repeatable)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'In folders, leave out files and folders matching this glob (repeatable; wins over --include)')
            [CompletionResult]::new('--attr', '--attr', [CompletionResultType]::ParameterName, 'An attribute for the files, for --filter (repeatable; true/false, a number that reads back as written, or text: 007 and 1.10 stay text); files the store keeps are given the same')
            [CompletionResult]::new('--chunk-size', '--chunk-size', [CompletionResultType]::ParameterName, 'Cut the files added into chunks of at most this many tokens (100 to 4096; what the API chooses unasked is 800)')
            [CompletionResult]::new('--chunk-overlap', '--chunk-overlap', [CompletionResultType]::ParameterName, 'Tokens each chunk shares with the one before, at most half of --chunk-size [default: 400, or half of --chunk-size if less]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Upload even files the store already has')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('--hidden', '--hidden', [CompletionResultType]::ParameterName, 'In folders, take hidden files and folders too')
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'Follow symbolic links in folders (by default they are skipped, as ripgrep does)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Follow symbolic links in folders (by default they are skipped, as ripgrep does)')
            [CompletionResult]::new('--keep-files', '--keep-files', [CompletionResultType]::ParameterName, 'Keep the file objects of versions taken out of the store (they are deleted otherwise)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress on stderr')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return once the files are uploaded, without waiting until they are searchable')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;store;sync' {
            [CompletionResult]::new('--max-delete', '--max-delete', [CompletionResultType]::ParameterName, 'With --delete, refuse the whole sync (changing nothing) if it would take out more than N files')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'In folders, only files matching this glob, of those the ignore rules let through (repeatable)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'In folders, leave out files and folders matching this glob (repeatable; wins over --include)')
            [CompletionResult]::new('--attr', '--attr', [CompletionResultType]::ParameterName, 'An attribute for the files, for --filter (repeatable; true/false, a number that reads back as written, or text: 007 and 1.10 stay text); files the store keeps are given the same')
            [CompletionResult]::new('--chunk-size', '--chunk-size', [CompletionResultType]::ParameterName, 'Cut the files added into chunks of at most this many tokens (100 to 4096; what the API chooses unasked is 800)')
            [CompletionResult]::new('--chunk-overlap', '--chunk-overlap', [CompletionResultType]::ParameterName, 'Tokens each chunk shares with the one before, at most half of --chunk-size [default: 400, or half of --chunk-size if less]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--delete', '--delete', [CompletionResultType]::ParameterName, 'Remove files of the store that are no longer in the folders')
            [CompletionResult]::new('--allow-empty', '--allow-empty', [CompletionResultType]::ParameterName, 'With --delete, let folders that hold no file empty the store (refused otherwise)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('--hidden', '--hidden', [CompletionResultType]::ParameterName, 'In folders, take hidden files and folders too')
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'Follow symbolic links in folders (by default they are skipped, as ripgrep does)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Follow symbolic links in folders (by default they are skipped, as ripgrep does)')
            [CompletionResult]::new('--keep-files', '--keep-files', [CompletionResultType]::ParameterName, 'Keep the file objects of versions taken out of the store (they are deleted otherwise)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress on stderr')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return once the files are uploaded, without waiting until they are searchable')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;store;rm-file' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--with-files', '--with-files', [CompletionResultType]::ParameterName, 'Also delete the file objects')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the files it would take out and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;store;update' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The store''s new name')
            [CompletionResult]::new('--expires-after', '--expires-after', [CompletionResultType]::ParameterName, 'Have the server delete the store once it has gone this many days unused, counted from now (1 to 365)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--no-expiry', '--no-expiry', [CompletionResultType]::ParameterName, 'Keep the store until it is deleted')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;store;search' {
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Search only files whose attributes match (repeatable, all must hold): key=value, key!=value, key<n, key<=n, key>n, key>=n, key in a,b, key not in a,b')
            [CompletionResult]::new('--max-results', '--max-results', [CompletionResultType]::ParameterName, 'At most this many chunks (1 to 50) [default: the server''s, 10 on OpenAI]')
            [CompletionResult]::new('--score-threshold', '--score-threshold', [CompletionResultType]::ParameterName, 'Only chunks scoring at least this (0 to 1)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--rewrite-query', '--rewrite-query', [CompletionResultType]::ParameterName, 'Let the server rewrite the query for vector search')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;store;show' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;store;list' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;store;rm' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--with-files', '--with-files', [CompletionResultType]::ParameterName, 'Also delete the uploaded files the store holds')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what it would delete and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;store;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Upload files into a new vector store, wait until they are searchable, print its id')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Upload files into a store: new ones added, changed ones replaced, unchanged ones skipped')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Make a store mirror folders: new files added, changed ones replaced, unchanged ones left, and with --delete files no longer there removed')
            [CompletionResult]::new('rm-file', 'rm-file', [CompletionResultType]::ParameterValue, 'Take files out of a store, by path or file id')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Rename a store, or set, move or end its expiry; prints its row as show does')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search a store as file search would, without a model: the chunks a question retrieves, best first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a store and its files with their processing status')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List stores, newest first')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a store (and, with --with-files, the files in it)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'asst;store;help;create' {
            break
        }
        'asst;store;help;add' {
            break
        }
        'asst;store;help;sync' {
            break
        }
        'asst;store;help;rm-file' {
            break
        }
        'asst;store;help;update' {
            break
        }
        'asst;store;help;search' {
            break
        }
        'asst;store;help;show' {
            break
        }
        'asst;store;help;list' {
            break
        }
        'asst;store;help;rm' {
            break
        }
        'asst;store;help;help' {
            break
        }
        'asst;response' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Stream a background response to its end, rendered as ''ask'' renders it')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a response''s stored answer and its status, without waiting')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a background response')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'asst;response;wait' {
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Stream only the events after this sequence number')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--no-citations', '--no-citations', [CompletionResultType]::ParameterName, 'Print no [n] markers and no source list')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;response;show' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--no-citations', '--no-citations', [CompletionResultType]::ParameterName, 'Print no [n] markers and no source list')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;response;cancel' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;response;help' {
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Stream a background response to its end, rendered as ''ask'' renders it')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a response''s stored answer and its status, without waiting')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a background response')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'asst;response;help;wait' {
            break
        }
        'asst;response;help;show' {
            break
        }
        'asst;response;help;cancel' {
            break
        }
        'asst;response;help;help' {
            break
        }
        'asst;batch' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Append the results to this file, flushed one by one; a rerun skips the ids it answered')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Append the results to this file, flushed one by one; a rerun skips the ids it answered')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Questions in flight at once')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Questions in flight at once')
            [CompletionResult]::new('--via', '--via', [CompletionResultType]::ParameterName, 'Where the questions are answered: here, N at a time, or by the provider''s Batch API (half the price, within 24 hours)')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Model, or deployment name on Azure [default: gpt-4o-mini on OpenAI]')
            [CompletionResult]::new('--instructions', '--instructions', [CompletionResultType]::ParameterName, 'System instructions sent with the question')
            [CompletionResult]::new('--vector-store', '--vector-store', [CompletionResultType]::ParameterName, 'Search this vector store (repeatable; the env variable takes a comma-separated list)')
            [CompletionResult]::new('--assistant', '--assistant', [CompletionResultType]::ParameterName, 'Answer with this assistant (selects the Assistants API)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Search only files whose attributes match (repeatable, all must hold): key=value, key!=value, key<n, key<=n, key>n, key>=n, key in a,b, key not in a,b (Responses)')
            [CompletionResult]::new('--max-results', '--max-results', [CompletionResultType]::ParameterName, 'At most this many search results (1 to 50; Responses)')
            [CompletionResult]::new('--score-threshold', '--score-threshold', [CompletionResultType]::ParameterName, 'Only results scoring at least this (0 to 1; Responses)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Answer with JSON that follows this JSON schema (a strict structured output; Responses); text mode prints the JSON alone')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Attach metadata to the response or run (repeatable)')
            [CompletionResult]::new('--metadata', '--metadata', [CompletionResultType]::ParameterName, 'Attach metadata to the response or run (repeatable)')
            [CompletionResult]::new('--max-output-tokens', '--max-output-tokens', [CompletionResultType]::ParameterName, 'The most tokens the answer may take, reasoning included (at least 16; Assistants: max_completion_tokens, at least 256); past it the answer is incomplete (exit 8)')
            [CompletionResult]::new('--reasoning-effort', '--reasoning-effort', [CompletionResultType]::ParameterName, 'How much a reasoning model reasons before it answers (Responses)')
            [CompletionResult]::new('--temperature', '--temperature', [CompletionResultType]::ParameterName, 'Sampling temperature, from 0 (focused) to 2 (varied); reasoning models take none')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check every line and print the request each question would be, as JSON lines; send nothing and read no key (with --output, what it answered already is left out)')
            [CompletionResult]::new('--no-citations', '--no-citations', [CompletionResultType]::ParameterName, 'Print no [n] markers and no source list')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notices about settings that have no effect (batch: and no progress line)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notices about settings that have no effect (batch: and no progress line)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show a Batch API job''s status and request counts')
            [CompletionResult]::new('results', 'results', [CompletionResultType]::ParameterValue, 'Write a finished Batch API job''s results as result lines')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a Batch API job (what it finished stays in its results)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'asst;batch;status' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;batch;results' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Append the results to this file; ids it already has are skipped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Append the results to this file; ids it already has are skipped')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--no-citations', '--no-citations', [CompletionResultType]::ParameterName, 'Print no [n] markers in the texts')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;batch;cancel' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;batch;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show a Batch API job''s status and request counts')
            [CompletionResult]::new('results', 'results', [CompletionResultType]::ParameterValue, 'Write a finished Batch API job''s results as result lines')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a Batch API job (what it finished stays in its results)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'asst;batch;help;status' {
            break
        }
        'asst;batch;help;results' {
            break
        }
        'asst;batch;help;cancel' {
            break
        }
        'asst;batch;help;help' {
            break
        }
        'asst;config' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the config file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread''s id decides for itself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'OpenAI-compatible base URL [default: https://api.openai.com/v1]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Azure api-version for the Assistants API [default: 2025-04-01-preview]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for a request that failed before its answer started [default: 2]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--busy-wait', '--busy-wait', [CompletionResultType]::ParameterName, 'Seconds to keep retrying while another run holds the thread [default: 10]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON lines instead of text (see the README for the schema)')
            [CompletionResult]::new('--no-history', '--no-history', [CompletionResultType]::ParameterName, 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'asst;help' {
            [CompletionResult]::new('thread', 'thread', [CompletionResultType]::ParameterValue, 'Create and inspect threads (conversations)')
            [CompletionResult]::new('ask', 'ask', [CompletionResultType]::ParameterValue, 'Ask a question and stream the answer to stdout')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'Set up and inspect vector stores, which file search reads')
            [CompletionResult]::new('response', 'response', [CompletionResultType]::ParameterValue, 'Wait for, show or cancel a response (background answers, ''ask --detach'')')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'Ask many questions: a few at a time, paced against rate limits, resumable; or through the provider''s Batch API')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the settings the next command would use, and where each one comes from')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'asst;help;thread' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create a thread and print its id')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a thread''s whole transcript, oldest message first')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the threads asst created or used, newest first (from its registry)')
            [CompletionResult]::new('name', 'name', [CompletionResultType]::ParameterValue, 'Give a thread a name, to use wherever a thread id is taken')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete threads on the server and forget them')
            break
        }
        'asst;help;thread;new' {
            break
        }
        'asst;help;thread;show' {
            break
        }
        'asst;help;thread;list' {
            break
        }
        'asst;help;thread;name' {
            break
        }
        'asst;help;thread;rm' {
            break
        }
        'asst;help;ask' {
            break
        }
        'asst;help;store' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Upload files into a new vector store, wait until they are searchable, print its id')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Upload files into a store: new ones added, changed ones replaced, unchanged ones skipped')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Make a store mirror folders: new files added, changed ones replaced, unchanged ones left, and with --delete files no longer there removed')
            [CompletionResult]::new('rm-file', 'rm-file', [CompletionResultType]::ParameterValue, 'Take files out of a store, by path or file id')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Rename a store, or set, move or end its expiry; prints its row as show does')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search a store as file search would, without a model: the chunks a question retrieves, best first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a store and its files with their processing status')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List stores, newest first')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a store (and, with --with-files, the files in it)')
            break
        }
        'asst;help;store;create' {
            break
        }
        'asst;help;store;add' {
            break
        }
        'asst;help;store;sync' {
            break
        }
        'asst;help;store;rm-file' {
            break
        }
        'asst;help;store;update' {
            break
        }
        'asst;help;store;search' {
            break
        }
        'asst;help;store;show' {
            break
        }
        'asst;help;store;list' {
            break
        }
        'asst;help;store;rm' {
            break
        }
        'asst;help;response' {
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Stream a background response to its end, rendered as ''ask'' renders it')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a response''s stored answer and its status, without waiting')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a background response')
            break
        }
        'asst;help;response;wait' {
            break
        }
        'asst;help;response;show' {
            break
        }
        'asst;help;response;cancel' {
            break
        }
        'asst;help;batch' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show a Batch API job''s status and request counts')
            [CompletionResult]::new('results', 'results', [CompletionResultType]::ParameterValue, 'Write a finished Batch API job''s results as result lines')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a Batch API job (what it finished stays in its results)')
            break
        }
        'asst;help;batch;status' {
            break
        }
        'asst;help;batch;results' {
            break
        }
        'asst;help;batch;cancel' {
            break
        }
        'asst;help;config' {
            break
        }
        'asst;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
