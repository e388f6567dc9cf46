// Generated from /api/openapi.json by scripts/apiSchema.ts (npm run api:schema). Do not edit.
export interface paths {
    "/api/admin/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 本地区的工作人员账号(审核人、政策编辑、管理员)及其会话数 */
        get: operations["getApiAdminAccounts"];
        put?: never;
        /** 为本地区创建审核人账号(推荐单位审核人须指定本地区的机构,市(州)审核人须指定本省的市(州));不填密码则生成,仅此一次返回 */
        post: operations["postApiAdminAccounts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/accounts/{username}/assignment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** 修改本地区工作人员账号的角色及所属机构或区划(只能在本地区内;不能把账号设为其他地区的管理员;不能修改自己的账号);角色改变时其会话全部结束;记入审计日志 */
        put: operations["putApiAdminAccountsUsernameAssignment"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/accounts/{username}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 停用本地区的账号:不能再登录(与密码错误的提示相同),其会话全部结束;不能停用自己的账号 */
        post: operations["postApiAdminAccountsUsernameDisable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/accounts/{username}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 启用已停用的本地区账号,其本人可再用密码登录 */
        post: operations["postApiAdminAccountsUsernameEnable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/accounts/{username}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** 管理员重置本地区账号的密码(不填则生成随机密码,仅此一次返回);该账号的会话全部结束 */
        put: operations["putApiAdminAccountsUsernamePassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/accounts/{username}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** 结束本地区账号的全部会话(其本人须重新登录) */
        delete: operations["deleteApiAdminAccountsUsernameSessions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 日历调整与已录入完整安排的年度 */
        get: operations["getApiAdminCalendar"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/calendar/overrides/{date}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** 设置本地区某日为工作日或休息日(如尚未收录的年度安排、民族自治地方节日);默认为管理员所在地区 */
        put: operations["putApiAdminCalendarOverridesDate"];
        post?: never;
        /** 删除某日的调整 */
        delete: operations["deleteApiAdminCalendarOverridesDate"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/calendar/published-years/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** 声明某年度节假日安排已完整录入(该年结果不再为暂定),或撤销声明 */
        put: operations["putApiAdminCalendarPublishedYearsYear"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/heatmap": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 热力图:一个政策包版本各环节的等待实例数、已等待工作日中位数与逾期数,可按市(州)、推荐单位与到达日期筛选;仅本行政区划 */
        get: operations["getApiAdminHeatmap"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/instance-migrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 执行流程实例迁移:通过检查的实例逐个迁移到目标版本(每个实例全部完成或不变,记入审计日志),逐个返回结果 */
        post: operations["postApiAdminInstanceMigrations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/instance-migrations/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 检查流程实例迁移(不做任何修改):逐个实例报告等待环节的映射、新版本需要而缺少的变量及不能迁移的原因 */
        post: operations["postApiAdminInstanceMigrationsCheck"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 一个政策包版本的流程实例:按状态与当前环节计数,分页列表(身份证号脱敏、已等待工作日、是否逾期);仅本行政区划 */
        get: operations["getApiAdminInstances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/instances/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 一个流程实例(按申报编号):流程图与已走路径、流程变量(个人信息脱敏)、办理记录;仅本行政区划 */
        get: operations["getApiAdminInstancesId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/organisation-imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 导入机构名录(.xlsx):mode=preview 试导入,逐行列出将新增、修改的内容和每个问题(行、列);mode=apply 导入,全部写入或(有任何问题时)全部不写入;本地区以外的机构不能导入;每个机构的修改记入审计日志 */
        post: operations["postApiAdminOrganisationImports"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/organisation-imports/template.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 机构名录导入模板(.xlsx,中文列名,附填写说明) */
        get: operations["getApiAdminOrganisationImportsTemplateXlsx"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/organisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 本地区的评价机构(层级、所在地区、备案状态与日期、备案职业及级别),仅管理员 */
        get: operations["getApiAdminOrganisations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 我的申报 */
        get: operations["getApiApplications"];
        put?: never;
        /** 创建申报草稿 */
        post: operations["postApiApplications"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/applications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 申报详情 */
        get: operations["getApiApplicationsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/applications/{id}/actions/{actionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 办理过程中的申报人操作(如考前请假报备):按政策包定义的表单校验后启动相应流程 */
        post: operations["postApiApplicationsIdActionsActionId"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/applications/{id}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 上传附件(multipart/form-data,文件存于磁盘,按内容识别类型) */
        post: operations["postApiApplicationsIdAttachments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/applications/{id}/attachments/{attachmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 下载附件 */
        get: operations["getApiApplicationsIdAttachmentsAttachmentId"];
        put?: never;
        post?: never;
        /** 删除附件(草稿或退回补正时) */
        delete: operations["deleteApiApplicationsIdAttachmentsAttachmentId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/applications/{id}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 提交前校验(表单与附件),返回全部问题 */
        post: operations["postApiApplicationsIdCheck"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/applications/{id}/data": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** 保存草稿表单数据 */
        put: operations["putApiApplicationsIdData"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/applications/{id}/resubmit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 被退回后补正并重新提交 */
        post: operations["postApiApplicationsIdResubmit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/applications/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 办理状态、原因(含条款)与时间线 */
        get: operations["getApiApplicationsIdStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/applications/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 提交申报(服务端按政策包表单校验,流程启动持久排队) */
        post: operations["postApiApplicationsIdSubmit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/applications/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 在审核意见作出前撤回申报 */
        post: operations["postApiApplicationsIdWithdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 审计日志(只追加、哈希链防篡改;仅本行政区划;按应用、操作人、时间筛选;按 id 键集分页) */
        get: operations["getApiAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 核验审计日志哈希链(全链,逐条重算哈希):完整,或第一条被修改、删除的记录 */
        get: operations["getApiAuditVerification"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calendar/days": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 工作日历:每日是否为工作日及依据(法定节假日、调休上班、管理员调整),未公布年度标注暂定 */
        get: operations["getApiCalendarDays"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calendar/deadline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 按计算规则(C1–C4)计算期限 */
        get: operations["getApiCalendarDeadline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 开放中的申报(每个地区、事项、年度当前启用的政策包版本) */
        get: operations["getApiCalls"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calls/{hash}/forms/{formId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 开放申报的表单(JSON Schema、界面配置与附件要求),供申报人填写 */
        get: operations["getApiCallsHashFormsFormId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 发起申请:按申请表单校验后启动案件,同一 requestId 只启动一次(重试返回同一案件);记入审计日志 */
        post: operations["postApiCases"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cases/startable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 本人可发起的申请(有效政策包中由审核人发起的案件,含申请表单) */
        get: operations["getApiCasesStartable"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/draft-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 可用于新建政策包草稿的模板 */
        get: operations["getApiDraftTemplates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/drafts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 本地区的政策包草稿 */
        get: operations["getApiDrafts"];
        put?: never;
        /** 新建政策包草稿:由模板生成,或复制一个已部署版本到新的地区和/或年度(改写清单的 id、地区、年度、标题) */
        post: operations["postApiDrafts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/drafts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 草稿详情:文件列表与最近一次校验发现的问题 */
        get: operations["getApiDraftsId"];
        put?: never;
        post?: never;
        /** 删除草稿(由其发布的版本保留) */
        delete: operations["deleteApiDraftsId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/drafts/{id}/files/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 读取草稿中的一个文件(附草稿版本号,保存时回传) */
        get: operations["getApiDraftsIdFilesPath"];
        /** 保存草稿中的一个文件(须带读取时的版本号;他人已保存则 409,不覆盖),保存后校验整个草稿并返回全部问题 */
        put: operations["putApiDraftsIdFilesPath"];
        post?: never;
        /** 删除草稿中的一个文件(须带读取时的版本号) */
        delete: operations["deleteApiDraftsIdFilesPath"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/drafts/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 发布草稿:无错误时部署为不可变版本(按内容哈希命名)并标记草稿已发布;仍有错误时 422 并列出全部问题。启用仍由管理员操作 */
        post: operations["postApiDraftsIdPublish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/drafts/{id}/rules/{ruleSet}/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 试算:用平台的资格判定对样例、申报表数据或以往申报(含登记信息)执行草稿中的规则集(可带未保存的规则集),返回每条条件的 ✔ / ✘ / 需人工 及查到的值 */
        post: operations["postApiDraftsIdRulesRuleSetEvaluate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/drafts/{id}/rules/applicants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 可用于试算的以往申报:复制来源版本及同一政策包的已提交申报(最近 50 条,身份证号码已遮盖) */
        get: operations["getApiDraftsIdRulesApplicants"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/drafts/{id}/task-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 流程图的任务模板:平台每种任务处理程序一个(规则集、参数、案件流程取自本草稿);人工任务可选的办理人员组(本地区的角色与机构,及草稿已用的表达式) */
        get: operations["getApiDraftsIdTaskTemplates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/drafts/{id}/tryout-coverage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 草稿场景覆盖:逐个运行所列的草稿流程场景(页面列出全部),列出没有任何场景经过的环节与顺序流 */
        post: operations["postApiDraftsIdTryoutCoverage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/drafts/{id}/tryouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 草稿试运行(不发布):在独立的临时环境中运行草稿的一个场景或新写的场景,返回经过的环节与顺序流、每步的办理与理由;不触及真实数据 */
        post: operations["postApiDraftsIdTryouts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 健康检查:引擎类型、数据库类型、已加载的政策包版本 */
        get: operations["getApiHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 流程事件(重试用尽、未捕获错误等),含所属申报、政策包版本、行政区划与该环节出错次数;仅本行政区划 */
        get: operations["getApiIncidents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 一个流程事件及其流程实例的变量(个人信息已脱敏),供更正变量后重试;仅本行政区划 */
        get: operations["getApiIncidentsKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents/{key}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 解决事件并重试任务 */
        post: operations["postApiIncidentsKeyResolve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents/{key}/variables": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** 更正事件所在流程实例的变量(再解决事件重试) */
        put: operations["putApiIncidentsKeyVariables"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 当前登录账号 */
        get: operations["getApiMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 本人的提醒(如证卡复核换证提醒),最新在前 */
        get: operations["getApiMeNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** 修改本人密码(须提供当前密码);本账号的其他会话随之结束 */
        put: operations["putApiMePassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 评价机构名录(申报人选择推荐单位;含备案状态) */
        get: operations["getApiOrganisations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organisations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** 新增或修改评价机构(层级、所在地区、备案状态与日期、职业),仅本行政区划的管理员;修改前后记入审计日志 */
        put: operations["putApiOrganisationsId"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/package-diffs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 两个政策包版本之间的差异(规则、表单、流程、日程,各附条款) */
        get: operations["getApiPackageDiffs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/package-replays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 回放:以另一版本的规则重新判定某版本已提交的申报,报告谁的结果改变及原因 */
        post: operations["postApiPackageReplays"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/packages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 已部署的政策包版本 */
        get: operations["getApiPackages"];
        put?: never;
        /** 部署政策包版本(按内容哈希命名,不可变);来源为 deployments/ 下的目录或上传的文件集 */
        post: operations["postApiPackages"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/packages/{hash}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 政策包版本详情(清单与文件列表) */
        get: operations["getApiPackagesHash"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/packages/{hash}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 启用版本:同一地区、事项、年度只有一个版本受理新申报,在办实例保持原版本 */
        post: operations["postApiPackagesHashActivate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/packages/{hash}/activation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 启用前说明:同一地区、事项、年度当前启用的版本,以及各版本仍在办理的申报数(启用后它们保持原版本) */
        get: operations["getApiPackagesHashActivation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/packages/{hash}/files/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 读取已部署版本中的一个文件(只读;地区范围同版本详情) */
        get: operations["getApiPackagesHashFilesPath"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/packages/{hash}/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 政策包日程中须按期发布的计划(如换证计划「每月10日前」)及其发布登记 */
        get: operations["getApiPackagesHashPlans"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/packages/{hash}/plans/{windowId}/publication": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** 登记计划已发布(发布日期、文号或发布渠道);截止日后仍未登记的计划向本地区管理员发出警告 */
        put: operations["putApiPackagesHashPlansWindowIdPublication"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/packages/{hash}/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 政策包日程:各时间窗口的起止日期(按工作日历计算)及在某日的状态 */
        get: operations["getApiPackagesHashSchedule"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/packages/{hash}/tryout-coverage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 版本场景结果:逐个运行所列的该版本流程场景(启用前检查,页面列出全部),列出未覆盖的环节与顺序流 */
        post: operations["postApiPackagesHashTryoutCoverage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/packages/{hash}/tryouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 试运行:在独立的临时环境中按场景自身的日期运行一个场景(推进时间使定时器触发),返回经过的环节、状态、期限与登记结果;不触及真实数据 */
        post: operations["postApiPackagesHashTryouts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/registry/person-lookups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 查询人员登记信息(身份证号码放在请求体中):证卡、证书、职称、考试记录、考评工作记录及有效限制措施(规则读取的事实);每次查询记入审计日志 */
        post: operations["postApiRegistryPersonLookups"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/registry/person-records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 录入人员既有记录(平台之前的证卡、证书、职称、考试、考评工作),一次请求全部写入或全部不写入 */
        post: operations["postApiRegistryPersonRecords"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/registry/public-notices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 人员通报名单:无故缺勤或无故未完成培训考核、经省职鉴中心决定予以通报的人员(SC26-54) */
        get: operations["getApiRegistryPublicNotices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/registry/sanctions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 录入平台外作出的惩戒(通报、其他中心的名单):本地区人员或尚未登记的人员、本地区机构;类别须在平台惩戒类别表中;全部写入或全部不写入;同一文号(reference)不重复录入 */
        post: operations["postApiRegistrySanctions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/registry/unit-penalties": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 推荐单位处罚决定:本年度参培名额削减与通报名单(省职鉴中心决定,SC26-46/50/51) */
        get: operations["getApiRegistryUnitPenalties"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/review/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 审核人的申报列表与查询(推荐单位:本单位;市(州):本市;省:本省),按政策包、状态、地区、提交日期筛选,按姓名或身份证后4位搜索 */
        get: operations["getApiReviewApplications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/review/exports/{exportId}.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 导出汇总表(.xlsx,政策包中定义的列、标题与表头;范围与筛选同申报列表;导出完整身份证号码记入审计) */
        get: operations["getApiReviewExportsExportIdXlsx"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/review/packages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 审核人可查询的政策包版本及其汇总表(导出规格的 id 与标题) */
        get: operations["getApiReviewPackages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/scheduled-jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 登记系统定时任务(如换证轮次结束后作废未申请换证的证卡、轮次前的换证提醒):到期日、状态与结果,仅本行政区划 */
        get: operations["getApiScheduledJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 当前会话:账号、CSRF 令牌与失效时间(页面加载时调用) */
        get: operations["getApiSession"];
        put?: never;
        /** 登录(本地账号):浏览器得到会话 Cookie 与 CSRF 令牌;API 客户端以 client: "api" 取得令牌(不设 Cookie) */
        post: operations["postApiSession"];
        /** 退出登录 */
        delete: operations["deleteApiSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** 在所有设备上退出(结束本账号的全部会话) */
        delete: operations["deleteApiSessions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 待办 / 已办任务列表(仅本人所属候选组;筛选、排序、分页与总数) */
        get: operations["getApiTasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 任务详情:申报信息(只读)、附件、规则结果、可选决定、任务表单与办理记录 */
        get: operations["getApiTasksId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 认领任务 */
        post: operations["postApiTasksIdClaim"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/colleagues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 可转办的同事:同一审核组的其他审核人 */
        get: operations["getApiTasksIdColleagues"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 办理任务:同意 / 不同意 / 退回补正,审批意见必填 */
        post: operations["postApiTasksIdComplete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/diagram": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 流程图:流程版本的 BPMN、已完成与当前环节、已走连线及各审核环节的办理人与意见 */
        get: operations["getApiTasksIdDiagram"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/transfer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 转办给同一审核组的同事(意见必填) */
        post: operations["postApiTasksIdTransfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/unclaim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 释放任务 */
        post: operations["postApiTasksIdUnclaim"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/batch-complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 批量审批:逐项独立办理,逐项返回结果 */
        post: operations["postApiTasksBatchComplete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tryout-applicants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 试运行可用的示例申报人(临时环境中的演示账号),用于新建场景 */
        get: operations["getApiTryoutApplicants"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Problem: {
            detail?: string;
            instance?: string;
            problems?: {
                clause?: string;
                code?: string;
                field?: string;
                file?: string;
                message?: string;
                pointer?: string;
            }[];
            status: number;
            /** @description 中文标题,可直接展示给用户 */
            title: string;
            type: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getApiAdminAccounts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 账号列表 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 未过期的会话数 */
                        activeSessions: number;
                        createdAt: string;
                        disabledAt: string | null;
                        displayName: string;
                        orgId: string | null;
                        orgName: string | null;
                        regionCode: string | null;
                        role: string;
                        username: string;
                    }[];
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiAdminAccounts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName: string;
                    orgId?: string;
                    password?: string;
                    regionCode?: string;
                    role: "unit_reviewer" | "city_reviewer" | "province_reviewer";
                    /** @description 3–64 位字母、数字、下划线、点或连字符 */
                    username: string;
                };
            };
        };
        responses: {
            /** @description 已创建 */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 生成的密码(仅在未指定时返回) */
                        password?: string;
                        username: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putApiAdminAccountsUsernameAssignment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 推荐单位审核人的所属机构 */
                    orgId?: string;
                    /** @description 市(州)审核人的市(州);政策编辑、管理员的区划(默认为本管理员的区划) */
                    regionCode?: string;
                    role: "unit_reviewer" | "city_reviewer" | "province_reviewer" | "policy_editor" | "admin";
                };
            };
        };
        responses: {
            /** @description 已修改 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        orgId: string | null;
                        regionCode: string | null;
                        role: string;
                        /** @description 因角色改变而结束的会话数 */
                        sessionsEnded: number;
                        username: string;
                    };
                };
            };
            /** @description 指定了本地区以外的区划 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 账号不存在或不在本地区 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 不能对自己的账号执行此操作 */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiAdminAccountsUsernameDisable: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 已停用 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        disabledAt: string | null;
                        /** @description 随之结束的会话数 */
                        sessionsEnded: number;
                        username: string;
                    };
                };
            };
            /** @description 账号不存在或不在本地区 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 不能对自己的账号执行此操作 */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiAdminAccountsUsernameEnable: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 已启用 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        disabledAt: string | null;
                        /** @description 随之结束的会话数 */
                        sessionsEnded: number;
                        username: string;
                    };
                };
            };
            /** @description 账号不存在或不在本地区 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 不能对自己的账号执行此操作 */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putApiAdminAccountsUsernamePassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password?: string;
                };
            };
        };
        responses: {
            /** @description 已重置 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 生成的密码(仅在未指定时返回) */
                        password?: string;
                        username: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiAdminAccountsUsernameSessions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 会话已结束 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sessionsEnded: number;
                        username: string;
                    };
                };
            };
            /** @description 账号不存在或不在本地区 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 不能对自己的账号执行此操作 */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiAdminCalendar: {
        parameters: {
            query?: {
                year?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 调整列表 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        coveredYears: number[];
                        overrides: {
                            date: string;
                            note: string | null;
                            regionCode: string;
                            working: boolean;
                        }[];
                        publishedYears: {
                            regionCode: string;
                            year: number;
                        }[];
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putApiAdminCalendarOverridesDate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                date: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note?: string;
                    /** @description 行政区划代码:省级调整适用于其下各市(州),市(州)调整只适用于本地;不填为全国日历 */
                    region?: string;
                    working: boolean;
                };
            };
        };
        responses: {
            /** @description 已设置 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        date: string;
                        note: string | null;
                        regionCode: string;
                        working: boolean;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiAdminCalendarOverridesDate: {
        parameters: {
            query?: {
                region?: string;
            };
            header?: never;
            path: {
                date: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 已删除 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putApiAdminCalendarPublishedYearsYear: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                year: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note?: string;
                    published: boolean;
                    /** @description 行政区划代码:省级调整适用于其下各市(州),市(州)调整只适用于本地;不填为全国日历 */
                    region?: string;
                };
            };
        };
        responses: {
            /** @description 已保存 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiAdminHeatmap: {
        parameters: {
            query: {
                cityCode?: string;
                from?: string;
                orgId?: string;
                package: string;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 各环节的统计与流程图 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        elements: {
                            elementId: string;
                            medianWorkingDays: number | null;
                            name: string;
                            /** @description 已逾期的实例数 */
                            overdue: number;
                            /** @description 等待中的实例数 */
                            waiting: number;
                        }[];
                        packageHash: string;
                        packageTitle: string;
                        regions: {
                            /** @description 有实例的市(州)及其推荐单位(仅未筛选时给出,供地区筛选) */
                            cityCode: string;
                            count: number;
                            units: {
                                count: number;
                                name: string;
                                orgId: string;
                            }[];
                        }[];
                        totalWaiting: number;
                        xml: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiAdminInstanceMigrations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 要迁移的申报;不填则为源版本全部等待中的实例(至多 200 个) */
                    applicationIds?: string[];
                    /** @description 政策包版本 hash */
                    fromHash: string;
                    /** @description 源版本环节 id → 目标版本环节 id(目标版本中同名 id 的环节可不填) */
                    mappings: {
                        [key: string]: string;
                    };
                    /** @description 政策包版本 hash */
                    toHash: string;
                };
            };
        };
        responses: {
            /** @description 逐个实例的迁移结果 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        blocked: number;
                        failed?: number;
                        fromHash: string;
                        items: {
                            applicantName: string | null;
                            applicationId: string;
                            missingVariables: string[];
                            ok: boolean;
                            problems: string[];
                            processInstanceKey: string;
                            result?: "已迁移" | "未迁移";
                            waiting: {
                                sourceElementId: string;
                                sourceName: string;
                                targetElementId: string | null;
                                targetName: string | null;
                            }[];
                        }[];
                        migrated?: number;
                        /** @description 可迁移(检查)或已迁移(执行)的实例数 */
                        ready: number;
                        sourceElements: {
                            id: string;
                            name: string;
                            type: string;
                        }[];
                        targetElements: {
                            id: string;
                            name: string;
                            type: string;
                        }[];
                        toHash: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiAdminInstanceMigrationsCheck: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 要迁移的申报;不填则为源版本全部等待中的实例(至多 200 个) */
                    applicationIds?: string[];
                    /** @description 政策包版本 hash */
                    fromHash: string;
                    /** @description 源版本环节 id → 目标版本环节 id(目标版本中同名 id 的环节可不填) */
                    mappings: {
                        [key: string]: string;
                    };
                    /** @description 政策包版本 hash */
                    toHash: string;
                };
            };
        };
        responses: {
            /** @description 逐个实例的检查结果 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        blocked: number;
                        failed?: number;
                        fromHash: string;
                        items: {
                            applicantName: string | null;
                            applicationId: string;
                            missingVariables: string[];
                            ok: boolean;
                            problems: string[];
                            processInstanceKey: string;
                            result?: "已迁移" | "未迁移";
                            waiting: {
                                sourceElementId: string;
                                sourceName: string;
                                targetElementId: string | null;
                                targetName: string | null;
                            }[];
                        }[];
                        migrated?: number;
                        /** @description 可迁移(检查)或已迁移(执行)的实例数 */
                        ready: number;
                        sourceElements: {
                            id: string;
                            name: string;
                            type: string;
                        }[];
                        targetElements: {
                            id: string;
                            name: string;
                            type: string;
                        }[];
                        toHash: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiAdminInstances: {
        parameters: {
            query: {
                after?: string;
                cityCode?: string;
                due?: "overdue" | "open";
                orgId?: string;
                package: string;
                page?: number;
                pageSize?: number;
                q?: string;
                status?: string;
                step?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 一页实例、总数与计数 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        byStatus: {
                            count: number;
                            label: string;
                            status: string;
                        }[];
                        byStep: {
                            count: number;
                            elementId: string;
                            name: string;
                        }[];
                        items: {
                            applicantName: string | null;
                            applicationId: string;
                            cityCode: string | null;
                            idNumberMasked: string | null;
                            /** @description 申报编号 */
                            number: string;
                            orgId: string | null;
                            orgName: string | null;
                            processInstanceKey: string | null;
                            stage: string | null;
                            status: string;
                            statusLabel: string;
                            /** @description 当前等待的环节 */
                            steps: {
                                dueAt: string | null;
                                elementId: string;
                                name: string;
                                overdue: boolean;
                                /** @description 到达该环节的时间 */
                                since: string;
                                /** @description 已等待的工作日(按申报所在市(州)的工作日历) */
                                workingDaysWaited: number;
                            }[];
                            submittedAt: string | null;
                        }[];
                        nextCursor: string | null;
                        packageHash: string;
                        page: number;
                        pageSize: number;
                        total: number;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiAdminInstancesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 实例详情 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        applicantName: string | null;
                        applicationId: string;
                        bpmnProcessId: string;
                        cityCode: string | null;
                        diagram: {
                            completedElementIds: string[];
                            currentElementIds: string[];
                            takenFlowIds: string[];
                            /** @description BPMN 2.0 XML(含图形布局) */
                            xml: string;
                        };
                        /** @description ACTIVE / COMPLETED / TERMINATED */
                        engineStatus: string;
                        idNumberMasked: string | null;
                        maskedVariables: string[];
                        number: string;
                        packageHash: string;
                        packageTitle: string;
                        processInstanceKey: string;
                        status: string;
                        statusLabel: string;
                        steps: {
                            dueAt: string | null;
                            elementId: string;
                            name: string;
                            overdue: boolean;
                            /** @description 到达该环节的时间 */
                            since: string;
                            /** @description 已等待的工作日(按申报所在市(州)的工作日历) */
                            workingDaysWaited: number;
                        }[];
                        timeline: {
                            action: string;
                            actorRole: string | null;
                            at: string;
                            label: string;
                        }[];
                        /** @description 流程变量(身份证号、手机号已脱敏) */
                        variables: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiAdminOrganisationImports: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                    /** @description preview 试导入(不写入),apply 导入 */
                    mode?: "preview" | "apply";
                };
            };
        };
        responses: {
            /** @description 试导入或导入的结果 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 本次请求是否已写入(有任何问题时不写入) */
                        applied: boolean;
                        created: number;
                        problems: {
                            /** @description 列字母,如 C */
                            column: string;
                            header: string;
                            message: string;
                            row: number;
                        }[];
                        rows: {
                            action: "create" | "update" | "unchanged";
                            changes: {
                                after: string;
                                before: string;
                                field: string;
                                label: string;
                            }[];
                            id: string;
                            name: string;
                            /** @description 工作表中的行号 */
                            row: number;
                        }[];
                        unchanged: number;
                        updated: number;
                    };
                };
            };
            /** @description 文件有问题,未作任何修改(problems 逐条列出,report 为试导入结果) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiAdminOrganisationImportsTemplateXlsx: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 模板文件 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiAdminOrganisations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 本地区的机构 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cityCode: string;
                        filedDate: string | null;
                        /** @description 各备案职业(工种)的备案级别;null 为未登记 */
                        filedLevels: {
                            [key: string]: number[];
                        } | null;
                        filingAcceptedDate: string | null;
                        filingStatus: string;
                        id: string;
                        isUndelegatedProvincialInChengdu: boolean;
                        level: ("province" | "city" | "county") | null;
                        name: string;
                        occupations: string[];
                        provinceCode: string;
                        recommendationSuspendedUntil: string | null;
                        regionCode: string;
                    }[];
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiApplications: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 分页列表 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description 当前可办理的申报人操作(如考前请假报备) */
                            actions: {
                                form: string;
                                id: string;
                                title: string;
                            }[];
                            attachments: {
                                createdAt: string;
                                fileName: string;
                                id: string;
                                kind: string;
                                mimeType: string;
                                sha256: string;
                                size: number;
                            }[];
                            createdAt: string;
                            data: {
                                [key: string]: unknown;
                            };
                            eligibility: unknown;
                            id: string;
                            outcome: unknown;
                            packageHash: string;
                            packageId: string;
                            processInstanceKey: string | null;
                            stage: string | null;
                            status: string;
                            statusLabel: string;
                            submittedAt: string | null;
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiApplications: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    data?: {
                        [key: string]: unknown;
                    };
                    packageHash: string;
                };
            };
        };
        responses: {
            /** @description 草稿 */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 当前可办理的申报人操作(如考前请假报备) */
                        actions: {
                            form: string;
                            id: string;
                            title: string;
                        }[];
                        attachments: {
                            createdAt: string;
                            fileName: string;
                            id: string;
                            kind: string;
                            mimeType: string;
                            sha256: string;
                            size: number;
                        }[];
                        createdAt: string;
                        data: {
                            [key: string]: unknown;
                        };
                        eligibility: unknown;
                        id: string;
                        outcome: unknown;
                        packageHash: string;
                        packageId: string;
                        processInstanceKey: string | null;
                        stage: string | null;
                        status: string;
                        statusLabel: string;
                        submittedAt: string | null;
                        updatedAt: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiApplicationsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 申报 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 当前可办理的申报人操作(如考前请假报备) */
                        actions: {
                            form: string;
                            id: string;
                            title: string;
                        }[];
                        attachments: {
                            createdAt: string;
                            fileName: string;
                            id: string;
                            kind: string;
                            mimeType: string;
                            sha256: string;
                            size: number;
                        }[];
                        createdAt: string;
                        data: {
                            [key: string]: unknown;
                        };
                        eligibility: unknown;
                        id: string;
                        outcome: unknown;
                        packageHash: string;
                        packageId: string;
                        processInstanceKey: string | null;
                        stage: string | null;
                        status: string;
                        statusLabel: string;
                        submittedAt: string | null;
                        updatedAt: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiApplicationsIdActionsActionId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                actionId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    data: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description 已受理,流程已启动 */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        actionId: string;
                        processInstanceKey: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiApplicationsIdAttachments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                    kind?: string;
                };
            };
        };
        responses: {
            /** @description 已上传 */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        fileName: string;
                        id: string;
                        kind: string;
                        mimeType: string;
                        sha256: string;
                        size: number;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiApplicationsIdAttachmentsAttachmentId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                attachmentId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 文件内容 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiApplicationsIdAttachmentsAttachmentId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                attachmentId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 已删除 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiApplicationsIdCheck: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 校验结果 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        problems: {
                            clause?: string;
                            field?: string;
                            message: string;
                            pointer?: string;
                        }[];
                        valid: boolean;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putApiApplicationsIdData: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description 申报 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 当前可办理的申报人操作(如考前请假报备) */
                        actions: {
                            form: string;
                            id: string;
                            title: string;
                        }[];
                        attachments: {
                            createdAt: string;
                            fileName: string;
                            id: string;
                            kind: string;
                            mimeType: string;
                            sha256: string;
                            size: number;
                        }[];
                        createdAt: string;
                        data: {
                            [key: string]: unknown;
                        };
                        eligibility: unknown;
                        id: string;
                        outcome: unknown;
                        packageHash: string;
                        packageId: string;
                        processInstanceKey: string | null;
                        stage: string | null;
                        status: string;
                        statusLabel: string;
                        submittedAt: string | null;
                        updatedAt: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiApplicationsIdResubmit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    data: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description 已重新提交 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 当前可办理的申报人操作(如考前请假报备) */
                        actions: {
                            form: string;
                            id: string;
                            title: string;
                        }[];
                        attachments: {
                            createdAt: string;
                            fileName: string;
                            id: string;
                            kind: string;
                            mimeType: string;
                            sha256: string;
                            size: number;
                        }[];
                        createdAt: string;
                        data: {
                            [key: string]: unknown;
                        };
                        eligibility: unknown;
                        id: string;
                        outcome: unknown;
                        packageHash: string;
                        packageId: string;
                        processInstanceKey: string | null;
                        stage: string | null;
                        status: string;
                        statusLabel: string;
                        submittedAt: string | null;
                        updatedAt: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiApplicationsIdStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 状态 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        application: {
                            /** @description 当前可办理的申报人操作(如考前请假报备) */
                            actions: {
                                form: string;
                                id: string;
                                title: string;
                            }[];
                            attachments: {
                                createdAt: string;
                                fileName: string;
                                id: string;
                                kind: string;
                                mimeType: string;
                                sha256: string;
                                size: number;
                            }[];
                            createdAt: string;
                            data: {
                                [key: string]: unknown;
                            };
                            eligibility: unknown;
                            id: string;
                            outcome: unknown;
                            packageHash: string;
                            packageId: string;
                            processInstanceKey: string | null;
                            stage: string | null;
                            status: string;
                            statusLabel: string;
                            submittedAt: string | null;
                            updatedAt: string;
                        };
                        /** @description 申报当前所在的环节及其期限 */
                        currentSteps: {
                            dueAt: string | null;
                            /** @description 当前环节 */
                            name: string;
                            overdue: boolean;
                            /** @description 期限所在年度的节假日安排尚未公布,按周一至周五推算(暂定) */
                            provisional: boolean;
                            workingDaysLeft: number | null;
                        }[];
                        reasons: {
                            clause?: string;
                            message: string;
                            outcome?: string;
                        }[];
                        timeline: {
                            action: string;
                            actorRole: string | null;
                            at: string;
                            detail: unknown;
                            /** @description 中文说明 */
                            label: string;
                        }[];
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiApplicationsIdSubmit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 已受理,流程排队启动 */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 当前可办理的申报人操作(如考前请假报备) */
                        actions: {
                            form: string;
                            id: string;
                            title: string;
                        }[];
                        attachments: {
                            createdAt: string;
                            fileName: string;
                            id: string;
                            kind: string;
                            mimeType: string;
                            sha256: string;
                            size: number;
                        }[];
                        createdAt: string;
                        data: {
                            [key: string]: unknown;
                        };
                        eligibility: unknown;
                        id: string;
                        outcome: unknown;
                        packageHash: string;
                        packageId: string;
                        processInstanceKey: string | null;
                        stage: string | null;
                        status: string;
                        statusLabel: string;
                        submittedAt: string | null;
                        updatedAt: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiApplicationsIdWithdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 已撤回 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 当前可办理的申报人操作(如考前请假报备) */
                        actions: {
                            form: string;
                            id: string;
                            title: string;
                        }[];
                        attachments: {
                            createdAt: string;
                            fileName: string;
                            id: string;
                            kind: string;
                            mimeType: string;
                            sha256: string;
                            size: number;
                        }[];
                        createdAt: string;
                        data: {
                            [key: string]: unknown;
                        };
                        eligibility: unknown;
                        id: string;
                        outcome: unknown;
                        packageHash: string;
                        packageId: string;
                        processInstanceKey: string | null;
                        stage: string | null;
                        status: string;
                        statusLabel: string;
                        submittedAt: string | null;
                        updatedAt: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiAudit: {
        parameters: {
            query?: {
                action?: string;
                actorId?: string;
                actorUsername?: string;
                afterId?: number;
                applicationId?: string;
                entityId?: string;
                entityType?: string;
                from?: string;
                limit?: number;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 审计记录 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            action: string;
                            actorId: string | null;
                            actorRole: string | null;
                            actorUsername: string | null;
                            applicationId: string | null;
                            at: string;
                            detail: unknown;
                            entityId: string;
                            entityType: string;
                            /** @description 本条记录与上一条哈希的 sha256 */
                            hash: string;
                            id: number;
                            regionCode: string | null;
                            /** @description 哈希链中的位置 */
                            seq: number;
                        }[];
                        nextAfterId: number | null;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiAuditVerification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 核验结果 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 发现问题前已核对的记录数 */
                        checked: number;
                        /** @description 哈希链完整 */
                        ok: boolean;
                        problem: {
                            id: number | null;
                            kind: "edited" | "deleted" | "unchained" | "tail";
                            /** @description 中文说明 */
                            message: string;
                            seq: number | null;
                        } | null;
                        verifiedAt: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiCalendarDays: {
        parameters: {
            query: {
                from: string;
                region?: string;
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 逐日信息(一次最多366天) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        date: string;
                        name?: string;
                        /** @description 该年度节假日安排尚未公布,结果为暂定 */
                        provisional: boolean;
                        /** @description weekday | weekend | holiday | makeUpWorkday | override */
                        source: string;
                        working: boolean;
                    }[];
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiCalendarDeadline: {
        parameters: {
            query: {
                amount: number;
                anchor: string;
                counting: "C1" | "C2" | "C3" | "C4";
                extendIfLastDayIsRestDay?: "true" | "false";
                region?: string;
                unit: "WD" | "DAY" | "MONTH" | "YEAR";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 期限 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        calendarVersion: string;
                        convention: string;
                        date: string;
                        provisional: boolean;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiCalls: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 开放中的申报 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        forms: {
                            id: string;
                            title?: string;
                        }[];
                        notice?: {
                            docNo?: string | null;
                            /** @description 发文单位 */
                            issuer: string;
                            published?: string | null;
                            signed?: string;
                            title: string;
                        } | null;
                        packageHash: string;
                        packageId: string;
                        procedure: string;
                        regionCode: string;
                        regionName: string;
                        schedule: ({
                            enforceRegistrationWindows?: boolean;
                            timezone: string;
                            windows: {
                                ambiguity?: string;
                                /** @description 适用的申报类别(未列出:全部) */
                                applicantTypes?: string[];
                                clause: string;
                                closes?: string;
                                confidence?: string;
                                /** @description 报名期对应的选择(培训班、换证轮次、认定月份) */
                                for?: string;
                                id: string;
                                /** @description 如 registration 报名 */
                                kind: string;
                                length?: {
                                    amount: number;
                                    counting: string;
                                    unit: string;
                                };
                                month?: string;
                                opens?: string;
                                provenance?: string;
                                /** @description 通知原文 */
                                raw: string;
                                title: string;
                            }[];
                        } & {
                            [key: string]: unknown;
                        }) | null;
                        title: string;
                        year: number;
                    }[];
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiCallsHashFormsFormId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                formId: string;
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 表单 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 表单的 x-attachments:各类附件的名称、类型与大小限制 */
                        attachments: {
                            /** @description 允许的文件类型(MIME) */
                            accept?: string[];
                            clause?: string | string[];
                            description?: string;
                            kind: string;
                            label: string;
                            /** @description 单个文件大小上限(字节) */
                            maxBytes?: number;
                            /** @description 同组材料至少上传一种 */
                            oneOf?: string;
                            /** @description true、false,或仅当某字段取某些值时必传 */
                            required: boolean | {
                                when: {
                                    field: string;
                                    in: unknown[];
                                };
                            };
                        }[];
                        id: string;
                        packageHash: string;
                        schema: {
                            [key: string]: unknown;
                        };
                        title: string | null;
                        ui: {
                            [key: string]: unknown;
                        } | null;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiCases: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    bpmnProcessId: string;
                    data: {
                        [key: string]: unknown;
                    };
                    /** @description 版本内容哈希 */
                    packageHash: string;
                    /** @description 客户端生成的请求编号,重试时不变 */
                    requestId: string;
                };
            };
        };
        responses: {
            /** @description 已发起 */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bpmnProcessId: string;
                        /** @description 版本内容哈希 */
                        packageHash: string;
                        processInstanceKey: string;
                        requestId: string;
                        title: string;
                    };
                };
            };
            /** @description 申请内容不符合表单要求,或所选机构不在本地区(problems 逐条列出) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiCasesStartable: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 可发起的申请 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bpmnProcessId: string;
                        form: {
                            id: string;
                            schema: {
                                [key: string]: unknown;
                            };
                            title: string;
                            ui: {
                                [key: string]: unknown;
                            };
                        };
                        /** @description 版本内容哈希 */
                        packageHash: string;
                        packageId: string;
                        packageTitle: string;
                        /** @description 申请名称,如「上报省厅移出评价目录」 */
                        title: string;
                    }[];
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiDraftTemplates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 模板 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        description: string;
                        id: string;
                        title: string;
                    }[];
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiDrafts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 草稿列表 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 复制来源的版本哈希 */
                        baseHash: string | null;
                        createdAt: string;
                        createdBy: {
                            id: string;
                            name: string;
                        };
                        errorCount: number;
                        id: string;
                        packageId: string;
                        procedure: string;
                        publishedAt: string | null;
                        publishedHash: string | null;
                        regionCode: string;
                        revision: number;
                        status: "DRAFT" | "PUBLISHED";
                        template: string | null;
                        title: string;
                        updatedAt: string;
                        updatedBy: {
                            id: string;
                            name: string;
                        };
                        warningCount: number;
                        year: number;
                    }[];
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiDrafts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 政策包 ID */
                    packageId: string;
                    /** @description 事项 */
                    procedure: string;
                    region: {
                        /** @description GB/T 2260 行政区划代码 */
                        code: string;
                        name: string;
                    };
                    /** @description 模板 ID(GET /api/draft-templates) */
                    template: string;
                    title: string;
                    year: number;
                } | {
                    /** @description 复制来源的版本哈希 */
                    fromHash: string;
                    /** @description 新政策包 ID(缺省时把原 ID 中的年份换成新年度) */
                    packageId?: string;
                    region?: {
                        /** @description GB/T 2260 行政区划代码 */
                        code: string;
                        name: string;
                    };
                    title?: string;
                    year?: number;
                };
            };
        };
        responses: {
            /** @description 草稿已创建(附校验结果) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 复制来源的版本哈希 */
                        baseHash: string | null;
                        createdAt: string;
                        createdBy: {
                            id: string;
                            name: string;
                        };
                        errorCount: number;
                        id: string;
                        packageId: string;
                        procedure: string;
                        publishedAt: string | null;
                        publishedHash: string | null;
                        regionCode: string;
                        revision: number;
                        status: "DRAFT" | "PUBLISHED";
                        template: string | null;
                        title: string;
                        updatedAt: string;
                        updatedBy: {
                            id: string;
                            name: string;
                        };
                        warningCount: number;
                        year: number;
                    } & {
                        files: {
                            path: string;
                            sha256: string;
                            size: number;
                            updatedAt: string;
                            updatedBy: {
                                id: string;
                                name: string;
                            };
                        }[];
                        problems: {
                            code: string;
                            file: string;
                            /** @description 中文说明 */
                            message: string;
                            /** @description JSON Pointer,或 BPMN 的 #元素ID */
                            pointer: string;
                            severity: "error" | "warning";
                        }[];
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiDraftsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 草稿 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 复制来源的版本哈希 */
                        baseHash: string | null;
                        createdAt: string;
                        createdBy: {
                            id: string;
                            name: string;
                        };
                        errorCount: number;
                        id: string;
                        packageId: string;
                        procedure: string;
                        publishedAt: string | null;
                        publishedHash: string | null;
                        regionCode: string;
                        revision: number;
                        status: "DRAFT" | "PUBLISHED";
                        template: string | null;
                        title: string;
                        updatedAt: string;
                        updatedBy: {
                            id: string;
                            name: string;
                        };
                        warningCount: number;
                        year: number;
                    } & {
                        files: {
                            path: string;
                            sha256: string;
                            size: number;
                            updatedAt: string;
                            updatedBy: {
                                id: string;
                                name: string;
                            };
                        }[];
                        problems: {
                            code: string;
                            file: string;
                            /** @description 中文说明 */
                            message: string;
                            /** @description JSON Pointer,或 BPMN 的 #元素ID */
                            pointer: string;
                            severity: "error" | "warning";
                        }[];
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiDraftsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 已删除 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiDraftsIdFilesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 文件 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        path: string;
                        sha256: string;
                        size: number;
                        updatedAt: string;
                        updatedBy: {
                            id: string;
                            name: string;
                        };
                    } & {
                        content: string;
                        revision: number;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putApiDraftsIdFilesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                path: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 文件内容(UTF-8 文本) */
                    content: string;
                    /** @description 读取时草稿的版本号(乐观锁) */
                    revision: number;
                };
            };
        };
        responses: {
            /** @description 已保存;valid 为 false 时 problems 中有错误 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        draft: {
                            /** @description 复制来源的版本哈希 */
                            baseHash: string | null;
                            createdAt: string;
                            createdBy: {
                                id: string;
                                name: string;
                            };
                            errorCount: number;
                            id: string;
                            packageId: string;
                            procedure: string;
                            publishedAt: string | null;
                            publishedHash: string | null;
                            regionCode: string;
                            revision: number;
                            status: "DRAFT" | "PUBLISHED";
                            template: string | null;
                            title: string;
                            updatedAt: string;
                            updatedBy: {
                                id: string;
                                name: string;
                            };
                            warningCount: number;
                            year: number;
                        };
                        file: {
                            path: string;
                            sha256: string;
                            size: number;
                            updatedAt: string;
                            updatedBy: {
                                id: string;
                                name: string;
                            };
                        };
                        problems: {
                            code: string;
                            file: string;
                            /** @description 中文说明 */
                            message: string;
                            /** @description JSON Pointer,或 BPMN 的 #元素ID */
                            pointer: string;
                            severity: "error" | "warning";
                        }[];
                        valid: boolean;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiDraftsIdFilesPath: {
        parameters: {
            query: {
                revision: number;
            };
            header?: never;
            path: {
                id: string;
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 已删除 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 复制来源的版本哈希 */
                        baseHash: string | null;
                        createdAt: string;
                        createdBy: {
                            id: string;
                            name: string;
                        };
                        errorCount: number;
                        id: string;
                        packageId: string;
                        procedure: string;
                        publishedAt: string | null;
                        publishedHash: string | null;
                        regionCode: string;
                        revision: number;
                        status: "DRAFT" | "PUBLISHED";
                        template: string | null;
                        title: string;
                        updatedAt: string;
                        updatedBy: {
                            id: string;
                            name: string;
                        };
                        warningCount: number;
                        year: number;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiDraftsIdPublish: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 读取时草稿的版本号(乐观锁) */
                    revision: number;
                };
            };
        };
        responses: {
            /** @description 已发布 */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description false:相同内容的版本已存在 */
                        created: boolean;
                        draft: {
                            /** @description 复制来源的版本哈希 */
                            baseHash: string | null;
                            createdAt: string;
                            createdBy: {
                                id: string;
                                name: string;
                            };
                            errorCount: number;
                            id: string;
                            packageId: string;
                            procedure: string;
                            publishedAt: string | null;
                            publishedHash: string | null;
                            regionCode: string;
                            revision: number;
                            status: "DRAFT" | "PUBLISHED";
                            template: string | null;
                            title: string;
                            updatedAt: string;
                            updatedBy: {
                                id: string;
                                name: string;
                            };
                            warningCount: number;
                            year: number;
                        };
                        version: {
                            active: boolean;
                            deployedAt: string;
                            hash: string;
                            packageId: string;
                            procedure: string;
                            processes: {
                                [key: string]: string;
                            };
                            regionCode: string;
                            title: string;
                            year: number;
                        };
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiDraftsIdRulesRuleSetEvaluate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                ruleSet: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    application?: {
                        [key: string]: unknown;
                    };
                    applicationId?: string;
                    /** @description 判定日期(缺省为今天,以往申报为其提交日) */
                    asOf?: string;
                    facts?: {
                        [key: string]: unknown;
                    };
                    ruleSet?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description 试算结果 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        asOf: string | null;
                        checks: {
                            applicable: boolean;
                            clause: string;
                            conditions: {
                                /** @description 查到的值 */
                                actual: unknown;
                                actualText?: string | null;
                                clause: string | null;
                                expected: unknown;
                                expectedText?: string | null;
                                fact: string;
                                mark: "✔" | "✘" | "需人工";
                                message: string | null;
                                operator: string;
                                passed: boolean;
                                path: string | null;
                            }[];
                            mark: "✔" | "✘" | "需人工";
                            /** @description 中文说明 */
                            message: string;
                            outcome: string;
                            rule: string;
                            title: string;
                        }[];
                        /** @description ELIGIBLE 通过, INELIGIBLE 不通过, REFER 需人工 */
                        decision: "ELIGIBLE" | "INELIGIBLE" | "REFER";
                        decisionLabel: string;
                        /** @description 规则需要但未取得的事实 */
                        missingFacts: string[];
                        ruleSet: string | null;
                        source: {
                            applicantName: string | null;
                            applicationId: string | null;
                            /** @description facts:样例(场景中的事实);application:申报表数据,登记信息按流程查询;past:以往申报及其登记信息 */
                            kind: "facts" | "application" | "past";
                        };
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiDraftsIdRulesApplicants: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 以往申报 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        applicantName: string | null;
                        id: string;
                        /** @description 身份证号码(已遮盖) */
                        idNumber: string | null;
                        packageHash: string;
                        status: string;
                        submittedAt: string | null;
                    }[];
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiDraftsIdTaskTemplates: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 元素模板与办理人员组 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        candidateGroups: {
                            name: string;
                            value: string;
                        }[];
                        templates: {
                            $schema: string;
                            appliesTo: string[];
                            category: {
                                id: string;
                                name: string;
                            };
                            description: string;
                            elementType?: {
                                value: string;
                            };
                            entriesVisible?: {
                                [key: string]: boolean;
                            };
                            groups: {
                                id: string;
                                label: string;
                            }[];
                            id: string;
                            name: string;
                            properties: {
                                binding: {
                                    [key: string]: string;
                                };
                                choices?: {
                                    name: string;
                                    value: string;
                                }[];
                                constraints?: {
                                    notEmpty?: boolean;
                                };
                                description?: string;
                                feel?: "optional" | "required";
                                group?: string;
                                id?: string;
                                label?: string;
                                optional?: boolean;
                                type: "Hidden" | "String" | "Dropdown";
                                value?: string;
                            }[];
                            version: number;
                        }[];
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiDraftsIdTryoutCoverage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 要运行的 scenarios/ 下的流程场景文件名 */
                    scenarioFiles: string[];
                };
            };
        };
        responses: {
            /** @description 各场景结果与覆盖情况 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        diagrams: {
                            elementCount: number;
                            file: string;
                            flowCount: number;
                            /** @description 没有任何场景经过的环节 */
                            uncoveredElementIds: string[];
                            /** @description 没有任何场景经过的顺序流 */
                            uncoveredFlowIds: string[];
                        }[];
                        draftId: string | null;
                        packageHash: string | null;
                        scenarios: {
                            completedElements: string[];
                            diagramFile: string | null;
                            error: string | null;
                            file: string;
                            matched: boolean | null;
                            mismatches: string[];
                            name: string;
                            status: string;
                            statusLabel: string;
                            takenFlowIds: string[];
                        }[];
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiDraftsIdTryouts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 草稿 scenarios/ 下的场景文件名 */
                    scenarioFile: string;
                } | {
                    /** @description 场景(政策包场景格式:given / when,then 可省略) */
                    scenario: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description 试运行结果 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        applicationId: string;
                        cards: {
                            [key: string]: unknown;
                        }[];
                        /** @description 经过的环节(按顺序) */
                        completedElements: string[];
                        /** @description 在流程图上的路径 */
                        diagram: {
                            /** @description 到达的结束事件 */
                            endElementIds: string[];
                            file: string | null;
                            /** @description 经过的顺序流 */
                            takenFlowIds: string[];
                        };
                        draftId: string | null;
                        durationMs: number;
                        eligibility: {
                            [key: string]: unknown;
                        } | null;
                        error: string | null;
                        examSittings: {
                            [key: string]: unknown;
                        }[];
                        matched: boolean | null;
                        /** @description 与场景 then 的差异(中文) */
                        mismatches: string[];
                        packageHash: string | null;
                        reason: string | null;
                        sanctions: {
                            [key: string]: unknown;
                        }[];
                        scenario: {
                            file: string | null;
                            name: string;
                        };
                        startedAt: string;
                        status: string;
                        statusLabel: string;
                        steps: {
                            /** @description 该步发生的日期(场景时钟) */
                            at: string;
                            index: number;
                            /** @description 中文说明 */
                            note?: string;
                            ok: boolean;
                            step: {
                                [key: string]: unknown;
                            };
                        }[];
                        variables: {
                            [key: string]: unknown;
                        };
                        waitingAt: {
                            candidateGroups: string[];
                            dueAt: string | null;
                            elementId: string;
                            name: string | null;
                        }[];
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 正常 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        database: string;
                        engine: string;
                        packages: {
                            active: boolean;
                            hash: string;
                            packageId: string;
                        }[];
                        /** @constant */
                        status: "ok";
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiIncidents: {
        parameters: {
            query?: {
                processInstanceKey?: string;
                state?: "OPEN" | "RESOLVED";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 事件列表 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        applicationId: string | null;
                        /** @description 该环节在本实例中出错的次数(含本次) */
                        attempts: number;
                        createdAt: string;
                        elementId: string;
                        errorType: string;
                        jobKey: string | null;
                        key: string;
                        message: string;
                        packageHash: string | null;
                        packageId: string | null;
                        processInstanceKey: string;
                        regionCode: string | null;
                        state: "OPEN" | "RESOLVED";
                    }[];
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiIncidentsKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 事件 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        applicationId: string | null;
                        /** @description 该环节在本实例中出错的次数(含本次) */
                        attempts: number;
                        createdAt: string;
                        elementId: string;
                        errorType: string;
                        jobKey: string | null;
                        key: string;
                        /** @description 含脱敏个人信息的变量名:这些变量不能在此更正 */
                        maskedVariables: string[];
                        message: string;
                        packageHash: string | null;
                        packageId: string | null;
                        processInstanceKey: string;
                        /** @description 平台的流程标识(哪个申报、哪个政策包),不能更正 */
                        protectedVariables: string[];
                        regionCode: string | null;
                        state: "OPEN" | "RESOLVED";
                        /** @description 流程实例的变量(身份证号、手机号已脱敏) */
                        variables: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiIncidentsKeyResolve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    retries?: number;
                };
            };
        };
        responses: {
            /** @description 已解决 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putApiIncidentsKeyVariables: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    variables: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description 已更正的变量 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 已更正的变量名 */
                        names: string[];
                        processInstanceKey: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 当前账号 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        displayName: string;
                        id: string;
                        idNumber: string | null;
                        orgId: string | null;
                        regionCode: string | null;
                        role: string;
                        username: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiMeNotifications: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 提醒 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 中文提醒内容 */
                        body: string;
                        clause: string | null;
                        createdAt: string;
                        id: number;
                        readAt: string | null;
                        title: string;
                    }[];
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putApiMePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    currentPassword: string;
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description 密码已修改 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 当前密码不正确或新密码不符合要求 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 尝试次数过多 */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiOrganisations: {
        parameters: {
            query?: {
                cityCode?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 机构列表 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cityCode: string;
                        filedDate: string | null;
                        /** @description 各备案职业(工种)的备案级别;null 为未登记 */
                        filedLevels: {
                            [key: string]: number[];
                        } | null;
                        filingAcceptedDate: string | null;
                        filingStatus: string;
                        id: string;
                        isUndelegatedProvincialInChengdu: boolean;
                        level: ("province" | "city" | "county") | null;
                        name: string;
                        occupations: string[];
                        provinceCode: string;
                        recommendationSuspendedUntil: string | null;
                        regionCode: string;
                    }[];
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putApiOrganisationsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    cityCode: string;
                    filedDate?: string | null;
                    /** @description 各备案职业(工种)的备案级别:职业代码 → 级别(1 一级/高级技师 … 5 五级/初级工);不填为未登记 */
                    filedLevels?: {
                        [key: string]: number[];
                    } | null;
                    filingAcceptedDate?: string | null;
                    /** @description 已备案 / 备案申请已受理 / 已提交备案材料 / 未备案 */
                    filingStatus: "FILED" | "APPLIED" | "SUBMITTED" | "NONE";
                    /** @description 未下放的在蓉省属评价机构 */
                    isUndelegatedProvincialInChengdu: boolean;
                    /** @description 备案层级:省级、市级、县级 */
                    level?: "province" | "city" | "county" | null;
                    name: string;
                    /** @description 备案的职业(工种)代码 */
                    occupations?: string[];
                    provinceCode: string;
                    recommendationSuspendedUntil?: string | null;
                    regionCode: string;
                };
            };
        };
        responses: {
            /** @description 已修改 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cityCode: string;
                        filedDate: string | null;
                        /** @description 各备案职业(工种)的备案级别;null 为未登记 */
                        filedLevels: {
                            [key: string]: number[];
                        } | null;
                        filingAcceptedDate: string | null;
                        filingStatus: string;
                        id: string;
                        isUndelegatedProvincialInChengdu: boolean;
                        level: ("province" | "city" | "county") | null;
                        name: string;
                        occupations: string[];
                        provinceCode: string;
                        recommendationSuspendedUntil: string | null;
                        regionCode: string;
                    };
                };
            };
            /** @description 已新增 */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cityCode: string;
                        filedDate: string | null;
                        /** @description 各备案职业(工种)的备案级别;null 为未登记 */
                        filedLevels: {
                            [key: string]: number[];
                        } | null;
                        filingAcceptedDate: string | null;
                        filingStatus: string;
                        id: string;
                        isUndelegatedProvincialInChengdu: boolean;
                        level: ("province" | "city" | "county") | null;
                        name: string;
                        occupations: string[];
                        provinceCode: string;
                        recommendationSuspendedUntil: string | null;
                        regionCode: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiPackageDiffs: {
        parameters: {
            query: {
                from: string;
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 差异 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        changes: {
                            after?: unknown;
                            before?: unknown;
                            change: "added" | "removed" | "changed";
                            clauses: string[];
                            /** @description 中文说明 */
                            message: string;
                            subject: string;
                            type: "rule" | "form" | "flow" | "schedule";
                        }[];
                        counts: {
                            flow: number;
                            form: number;
                            rule: number;
                            schedule: number;
                        };
                        from: {
                            id: string;
                            title: string;
                            year: number;
                        };
                        to: {
                            id: string;
                            title: string;
                            year: number;
                        };
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiPackageReplays: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 版本内容哈希 */
                    fromHash: string;
                    ruleSet?: string;
                    /** @description 版本内容哈希 */
                    toHash: string;
                };
            };
        };
        responses: {
            /** @description 回放报告(仅列出结果改变的申报) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 按市(州):回放数、结果改变数与变化方向 */
                        byCity: {
                            changed: number;
                            cityCode: string | null;
                            total: number;
                            transitions: {
                                [key: string]: number;
                            };
                        }[];
                        changed: {
                            after: "ELIGIBLE" | "INELIGIBLE" | "REFER";
                            applicantName: string | null;
                            applicationId: string;
                            asOf: string;
                            before: "ELIGIBLE" | "INELIGIBLE" | "REFER";
                            cityCode: string | null;
                            formProblems: {
                                message: string;
                                pointer: string;
                            }[];
                            idNumber: string | null;
                            reasons: {
                                after: string;
                                before: string;
                                clause: string;
                                message: string;
                                rule: string;
                                title: string;
                            }[];
                            status: string;
                        }[];
                        from: {
                            hash: string;
                            id: string;
                            year: number;
                        };
                        ruleSet: string;
                        to: {
                            hash: string;
                            id: string;
                            year: number;
                        };
                        total: number;
                        /** @description 如 { "ELIGIBLE→INELIGIBLE": 3 } */
                        transitions: {
                            [key: string]: number;
                        };
                        unchanged: number;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiPackages: {
        parameters: {
            query?: {
                packageId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 版本列表 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        active: boolean;
                        deployedAt: string;
                        hash: string;
                        packageId: string;
                        procedure: string;
                        processes: {
                            [key: string]: string;
                        };
                        regionCode: string;
                        title: string;
                        year: number;
                    }[];
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiPackages: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description deployments/ 下的相对路径,如 sichuan/2026-examiner-training */
                    source: string;
                } | {
                    /** @description 相对路径 → 文件内容 */
                    files: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description 相同内容的版本已存在 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        active: boolean;
                        deployedAt: string;
                        hash: string;
                        packageId: string;
                        procedure: string;
                        processes: {
                            [key: string]: string;
                        };
                        regionCode: string;
                        title: string;
                        year: number;
                    };
                };
            };
            /** @description 新版本已部署 */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        active: boolean;
                        deployedAt: string;
                        hash: string;
                        packageId: string;
                        procedure: string;
                        processes: {
                            [key: string]: string;
                        };
                        regionCode: string;
                        title: string;
                        year: number;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiPackagesHash: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 版本详情 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        active: boolean;
                        deployedAt: string;
                        files: string[];
                        hash: string;
                        manifest: {
                            id: string;
                            notice?: {
                                docNo?: string | null;
                                /** @description 发文单位 */
                                issuer: string;
                                published?: string | null;
                                signed?: string;
                                title: string;
                            };
                            procedure: string;
                            region: {
                                code: string;
                                name: string;
                            };
                            title: string;
                            year: number;
                        } & {
                            [key: string]: unknown;
                        };
                        packageId: string;
                        procedure: string;
                        processes: {
                            [key: string]: string;
                        };
                        regionCode: string;
                        title: string;
                        year: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiPackagesHashActivate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 已启用 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        active: boolean;
                        deployedAt: string;
                        hash: string;
                        packageId: string;
                        procedure: string;
                        processes: {
                            [key: string]: string;
                        };
                        regionCode: string;
                        title: string;
                        year: number;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiPackagesHashActivation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 启用前说明 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 该版本已在启用中 */
                        active: boolean;
                        /** @description 当前受理新申报的版本 */
                        current: {
                            activatedAt: string;
                            hash: string;
                            title: string;
                        } | null;
                        hash: string;
                        running: {
                            /** @description 仍在办理的申报数 */
                            count: number;
                            hash: string;
                            title: string;
                        }[];
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiPackagesHashFilesPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hash: string;
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 文件内容 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 文件内容(UTF-8 文本) */
                        content: string;
                        hash: string;
                        path: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiPackagesHashPlans: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 计划列表 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clause: string | null;
                        deadline: string | null;
                        publication: {
                            publishedOn: string;
                            recordedAt: string;
                            reference: string;
                        } | null;
                        /** @description PUBLISHED 已按期发布;PUBLISHED_LATE 逾期发布;NOT_PUBLISHED 尚未发布(未到期);OVERDUE 已过期仍未发布 */
                        state: "PUBLISHED" | "PUBLISHED_LATE" | "NOT_PUBLISHED" | "OVERDUE";
                        title: string;
                        windowId: string;
                    }[];
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putApiPackagesHashPlansWindowIdPublication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hash: string;
                windowId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    publishedOn: string;
                    reference: string;
                };
            };
        };
        responses: {
            /** @description 已登记 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clause: string | null;
                        deadline: string | null;
                        publication: {
                            publishedOn: string;
                            recordedAt: string;
                            reference: string;
                        } | null;
                        /** @description PUBLISHED 已按期发布;PUBLISHED_LATE 逾期发布;NOT_PUBLISHED 尚未发布(未到期);OVERDUE 已过期仍未发布 */
                        state: "PUBLISHED" | "PUBLISHED_LATE" | "NOT_PUBLISHED" | "OVERDUE";
                        title: string;
                        windowId: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiPackagesHashSchedule: {
        parameters: {
            query?: {
                on?: string;
            };
            header?: never;
            path: {
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 时间窗口 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        enforceRegistrationWindows: boolean;
                        windows: {
                            /** @description 适用的申报类别(未列出:全部) */
                            applicantTypes?: string[];
                            clause: string;
                            closes: string | null;
                            /** @description 报名期对应的选择(培训班、换证轮次、认定月份) */
                            for?: string;
                            id: string;
                            kind: string;
                            opens: string | null;
                            /** @description 截止日所在年度节假日安排未公布,结果为暂定 */
                            provisional: boolean;
                            /** @description NOT_YET_OPEN 未开放, OPEN 进行中, CLOSED 已截止, UNDATED 日期未定 */
                            state: "NOT_YET_OPEN" | "OPEN" | "CLOSED" | "UNDATED";
                            title: string;
                        }[];
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiPackagesHashTryoutCoverage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hash: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 要运行的 scenarios/ 下的流程场景文件名 */
                    scenarioFiles: string[];
                };
            };
        };
        responses: {
            /** @description 各场景结果与覆盖情况 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        diagrams: {
                            elementCount: number;
                            file: string;
                            flowCount: number;
                            /** @description 没有任何场景经过的环节 */
                            uncoveredElementIds: string[];
                            /** @description 没有任何场景经过的顺序流 */
                            uncoveredFlowIds: string[];
                        }[];
                        draftId: string | null;
                        packageHash: string | null;
                        scenarios: {
                            completedElements: string[];
                            diagramFile: string | null;
                            error: string | null;
                            file: string;
                            matched: boolean | null;
                            mismatches: string[];
                            name: string;
                            status: string;
                            statusLabel: string;
                            takenFlowIds: string[];
                        }[];
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiPackagesHashTryouts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hash: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 政策包 scenarios/ 下的场景文件名 */
                    scenarioFile: string;
                } | {
                    /** @description 场景(政策包场景格式:given / when / then) */
                    scenario: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description 试运行结果 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        applicationId: string;
                        cards: {
                            [key: string]: unknown;
                        }[];
                        /** @description 经过的环节(按顺序) */
                        completedElements: string[];
                        /** @description 在流程图上的路径 */
                        diagram: {
                            /** @description 到达的结束事件 */
                            endElementIds: string[];
                            file: string | null;
                            /** @description 经过的顺序流 */
                            takenFlowIds: string[];
                        };
                        draftId: string | null;
                        durationMs: number;
                        eligibility: {
                            [key: string]: unknown;
                        } | null;
                        error: string | null;
                        examSittings: {
                            [key: string]: unknown;
                        }[];
                        matched: boolean | null;
                        /** @description 与场景 then 的差异(中文) */
                        mismatches: string[];
                        packageHash: string | null;
                        reason: string | null;
                        sanctions: {
                            [key: string]: unknown;
                        }[];
                        scenario: {
                            file: string | null;
                            name: string;
                        };
                        startedAt: string;
                        status: string;
                        statusLabel: string;
                        steps: {
                            /** @description 该步发生的日期(场景时钟) */
                            at: string;
                            index: number;
                            /** @description 中文说明 */
                            note?: string;
                            ok: boolean;
                            step: {
                                [key: string]: unknown;
                            };
                        }[];
                        variables: {
                            [key: string]: unknown;
                        };
                        waitingAt: {
                            candidateGroups: string[];
                            dueAt: string | null;
                            elementId: string;
                            name: string | null;
                        }[];
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiRegistryPersonLookups: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    asOf?: string;
                    /** @description 居民身份证号码 */
                    idNumber: string;
                };
            };
        };
        responses: {
            /** @description 人员事实 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 在查询日有效的限制措施 */
                        bans: {
                            [key: string]: unknown;
                        }[];
                        cards: {
                            [key: string]: unknown;
                        }[];
                        certificates: {
                            [key: string]: unknown;
                        }[];
                        evaluationRecords: {
                            [key: string]: unknown;
                        }[];
                        examSittings: {
                            [key: string]: unknown;
                        }[];
                        idNumber: string;
                        titles: {
                            [key: string]: unknown;
                        }[];
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiRegistryPersonRecords: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    cards?: {
                        issuerRegionCode: string;
                        kind: "EXAMINER" | "SENIOR_EXAMINER" | "SPECIAL_EXAMINER" | "SUPERVISOR";
                        level?: number | null;
                        number: string;
                        occupationCode?: string;
                        occupationName?: string;
                        status?: "ISSUED" | "COLLECTED" | "CANCELLED" | "VOID";
                        validFrom: string;
                        validRegionCode?: string;
                        validTo?: string;
                    }[];
                    certificates?: {
                        certificateNo?: string;
                        issuedOn?: string;
                        kind: "VQ" | "SKILL" | "SPECIAL";
                        level?: number | null;
                        occupationCode?: string;
                        occupationName?: string;
                    }[];
                    evaluationRecords?: {
                        date: string;
                        occupationCode?: string;
                        orgId?: string;
                        role: "examiner" | "supervisor";
                    }[];
                    examSittings?: {
                        date: string;
                        kind: "exam" | "makeup";
                        occupationCode?: string;
                        result: "PASS" | "FAIL" | "ABSENT" | "EXCUSED";
                    }[];
                    /** @description 居民身份证号码 */
                    idNumber: string;
                    name: string;
                    titles?: {
                        issuedOn?: string;
                        level: "junior" | "intermediate" | "deputy-senior" | "senior";
                        series?: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description 录入后的人员事实 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 在查询日有效的限制措施 */
                        bans: {
                            [key: string]: unknown;
                        }[];
                        cards: {
                            [key: string]: unknown;
                        }[];
                        certificates: {
                            [key: string]: unknown;
                        }[];
                        evaluationRecords: {
                            [key: string]: unknown;
                        }[];
                        examSittings: {
                            [key: string]: unknown;
                        }[];
                        idNumber: string;
                        titles: {
                            [key: string]: unknown;
                        }[];
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiRegistryPublicNotices: {
        parameters: {
            query?: {
                year?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 通报名单 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cityCode: string | null;
                        clause: string;
                        decidedAt: string;
                        decidedBy: string | null;
                        id: number;
                        /** @description 身份证号码(脱敏) */
                        idNumberMasked: string;
                        name: string;
                        opinion: string | null;
                        orgId: string | null;
                        orgName: string | null;
                        reason: "ABSENT" | "TRAINING_INCOMPLETE";
                        scope: "UNIT" | "CITY" | "PROVINCE";
                        year: number;
                    }[];
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiRegistrySanctions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    sanctions: {
                        clause: string;
                        kind: string;
                        permanent?: boolean;
                        reason: string;
                        /** @description 文号或名单编号 */
                        reference?: string;
                        startsOn: string;
                        /** @description 人员为身份证号码,机构为机构编号 */
                        subjectId: string;
                        subjectType: "person" | "org";
                        until?: string | null;
                    }[];
                };
            };
        };
        responses: {
            /** @description 已录入(人员身份证号码脱敏) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clause: string;
                        id: number;
                        kind: string;
                        permanent: boolean;
                        reason: string;
                        startsOn: string;
                        subjectId: string;
                        subjectType: string;
                        until: string | null;
                    }[];
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiRegistryUnitPenalties: {
        parameters: {
            query?: {
                publicNotice?: boolean;
                year?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 处罚决定 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cityCode: string | null;
                        /** @description 削减所在市(州)本年度参培名额(人) */
                        cityCut: number;
                        clauses: string[];
                        decidedAt: string;
                        decidedBy: string | null;
                        /** @description 所决定的核查情形(规则名) */
                        findings: string[];
                        id: number;
                        opinion: string | null;
                        orgId: string;
                        orgName: string | null;
                        /** @description 予以通报 */
                        publicNotice: boolean;
                        /** @description 削减该单位本年度参培名额(人) */
                        unitCut: number;
                        year: number;
                    }[];
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiReviewApplications: {
        parameters: {
            query?: {
                cityCode?: string;
                package?: string;
                page?: number;
                pageSize?: number;
                procedure?: string;
                q?: string;
                status?: string;
                submittedFrom?: string;
                submittedTo?: string;
                year?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 分页列表与总数 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            applicantName: string | null;
                            cityCode: string | null;
                            id: string;
                            idNumberMasked: string | null;
                            packageHash: string;
                            packageId: string;
                            packageTitle: string;
                            recommenderOrgId: string | null;
                            recommenderOrgName: string | null;
                            stage: string | null;
                            status: string;
                            statusLabel: string;
                            submittedAt: string | null;
                        }[];
                        page: number;
                        pageSize: number;
                        /** @description 符合条件的总数(「共 N 条」) */
                        total: number;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiReviewExportsExportIdXlsx: {
        parameters: {
            query: {
                cityCode?: string;
                package: string;
                procedure?: string;
                q?: string;
                status?: string;
                submittedFrom?: string;
                submittedTo?: string;
                year?: number;
            };
            header?: never;
            path: {
                exportId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 汇总表文件 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiReviewPackages: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 政策包版本列表 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        exports: {
                            id: string;
                            /** @description 汇总表标题 */
                            title: string;
                        }[];
                        packageHash: string;
                        packageId: string;
                        procedure: string;
                        regionCode: string;
                        title: string;
                        year: number;
                    }[];
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiScheduledJobs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 定时任务 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attempts: number;
                        clause: string;
                        /** @description 到期日(Asia/Shanghai) */
                        dueOn: string;
                        finishedAt: string | null;
                        jobId: string;
                        key: string;
                        /** @description cards.voidUnrenewed 作废未换证证卡 | cards.remindRenewal 换证提醒 */
                        kind: string;
                        lastError: string | null;
                        packageHash: string;
                        packageId: string;
                        regionCode: string;
                        result: {
                            [key: string]: unknown;
                        } | null;
                        startedAt: string | null;
                        state: "PENDING" | "RUNNING" | "DONE" | "FAILED";
                        title: string;
                    }[];
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 当前会话 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        actor: {
                            displayName: string;
                            id: string;
                            idNumber: string | null;
                            orgId: string | null;
                            regionCode: string | null;
                            role: string;
                            username: string;
                        };
                        /** @description 会话的 CSRF 令牌:以 Cookie 登录时,写操作须带请求头 X-CSRF-Token */
                        csrfToken: string;
                        /** @description 会话最迟失效时间(闲置超时会更早结束) */
                        expiresAt: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description API 客户端:令牌在响应体中返回,以 Bearer 使用,不设 Cookie
                     * @constant
                     */
                    client?: "api";
                    password: string;
                    username: string;
                };
            };
        };
        responses: {
            /** @description 已登录(浏览器:Cookie + csrfToken;API 客户端:token) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        actor: {
                            displayName: string;
                            id: string;
                            idNumber: string | null;
                            orgId: string | null;
                            regionCode: string | null;
                            role: string;
                            username: string;
                        };
                        /** @description 会话的 CSRF 令牌:以 Cookie 登录时,写操作须带请求头 X-CSRF-Token */
                        csrfToken: string;
                        /** @description 会话最迟失效时间(闲置超时会更早结束) */
                        expiresAt: string;
                    } | {
                        actor: {
                            displayName: string;
                            id: string;
                            idNumber: string | null;
                            orgId: string | null;
                            regionCode: string | null;
                            role: string;
                            username: string;
                        };
                        expiresAt: string;
                        /** @description 以 Authorization: Bearer 使用的会话令牌 */
                        token: string;
                    };
                };
            };
            /** @description 用户名或密码错误 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 尝试次数过多,暂时锁定(带 Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 已退出 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 全部会话已结束 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiTasks: {
        parameters: {
            query?: {
                applicationId?: string;
                due?: "today" | "within3" | "overdue";
                mine?: boolean;
                package?: string;
                page?: number;
                pageSize?: number;
                procedure?: string;
                q?: string;
                region?: string;
                rule?: "ELIGIBLE" | "INELIGIBLE" | "REFER";
                sort?: "due" | "-due" | "created" | "-created" | "completed" | "-completed";
                step?: string;
                tab?: "todo" | "done";
                year?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 一页任务与符合条件的总数 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            applicantName: string | null;
                            applicantType: string | null;
                            applicationId: string | null;
                            assignee: string | null;
                            assigneeName: string | null;
                            candidateGroups: string[];
                            cityCode: string | null;
                            completedAt: string | null;
                            createdAt: string;
                            decision: string | null;
                            decisionLabel: string | null;
                            dueAt: string | null;
                            elementId: string;
                            formKey: string | null;
                            id: string;
                            /** @description 环节 */
                            name: string;
                            opinion: string | null;
                            overdue: boolean;
                            packageHash: string | null;
                            packageTitle: string | null;
                            processInstanceKey: string;
                            recommenderName: string | null;
                            ruleDecision: ("ELIGIBLE" | "INELIGIBLE" | "REFER") | null;
                            ruleDecisionLabel: string | null;
                            state: string;
                            workingDaysLeft: number | null;
                        }[];
                        page: number;
                        pageSize: number;
                        /** @description 符合筛选条件的总数(共 N 条) */
                        total: number;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiTasksId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 任务详情 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allowedDecisions: {
                            label: string;
                            /** @description approve 同意, reject 不同意, return 退回补正 */
                            value: "approve" | "reject" | "return";
                        }[];
                        application: {
                            applicantName: string | null;
                            data: {
                                [key: string]: unknown;
                            };
                            id: string;
                            /** @description 申报编号 */
                            number: string;
                            packageHash: string;
                            packageTitle: string | null;
                            stage: string | null;
                            status: string;
                            statusLabel: string;
                            submittedAt: string | null;
                        } | null;
                        applicationId: string | null;
                        assignee: string | null;
                        attachments: {
                            downloadUrl: string;
                            fileName: string;
                            id: string;
                            kind: string;
                            mimeType: string;
                            size: number;
                        }[];
                        candidateGroups: string[];
                        cityCode: string | null;
                        completedAt: string | null;
                        context: {
                            [key: string]: unknown;
                        } | null;
                        createdAt: string;
                        decision: string | null;
                        dueAt: string | null;
                        elementId: string;
                        form: {
                            key: string;
                            schema: {
                                [key: string]: unknown;
                            };
                            title: string;
                            uiSchema: {
                                [key: string]: unknown;
                            };
                        } | null;
                        formKey: string | null;
                        id: string;
                        name: string;
                        opinion: string | null;
                        processInstanceKey: string;
                        request: {
                            data: {
                                [key: string]: unknown;
                            };
                            form: {
                                key: string;
                                schema: {
                                    [key: string]: unknown;
                                };
                                title: string;
                                uiSchema: {
                                    [key: string]: unknown;
                                };
                            };
                            requester: {
                                displayName: string;
                                regionCode: string | null;
                                role: string;
                                username: string;
                            } | null;
                        } | null;
                        row: {
                            applicantName: string | null;
                            applicantType: string | null;
                            applicationId: string | null;
                            assignee: string | null;
                            assigneeName: string | null;
                            candidateGroups: string[];
                            cityCode: string | null;
                            completedAt: string | null;
                            createdAt: string;
                            decision: string | null;
                            decisionLabel: string | null;
                            dueAt: string | null;
                            elementId: string;
                            formKey: string | null;
                            id: string;
                            /** @description 环节 */
                            name: string;
                            opinion: string | null;
                            overdue: boolean;
                            packageHash: string | null;
                            packageTitle: string | null;
                            processInstanceKey: string;
                            recommenderName: string | null;
                            ruleDecision: ("ELIGIBLE" | "INELIGIBLE" | "REFER") | null;
                            ruleDecisionLabel: string | null;
                            state: string;
                            workingDaysLeft: number | null;
                        };
                        ruleResult: {
                            asOf: string | null;
                            checks: {
                                applicable: boolean;
                                clause: string;
                                conditions: {
                                    /** @description 查到的值 */
                                    actual: unknown;
                                    actualText?: string | null;
                                    clause: string | null;
                                    expected: unknown;
                                    expectedText?: string | null;
                                    fact: string;
                                    mark: "✔" | "✘" | "需人工";
                                    message: string | null;
                                    operator: string;
                                    passed: boolean;
                                    path: string | null;
                                }[];
                                mark: "✔" | "✘" | "需人工";
                                /** @description 中文说明 */
                                message: string;
                                outcome: string;
                                rule: string;
                                title: string;
                            }[];
                            /** @description ELIGIBLE 通过, INELIGIBLE 不通过, REFER 需人工 */
                            decision: "ELIGIBLE" | "INELIGIBLE" | "REFER";
                            decisionLabel: string;
                            ruleSet: string | null;
                        } | null;
                        state: string;
                        timeline: {
                            action: string;
                            actorRole: string | null;
                            at: string;
                            detail: unknown;
                            label: string;
                        }[];
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiTasksIdClaim: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 已认领 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        applicationId: string | null;
                        assignee: string | null;
                        candidateGroups: string[];
                        cityCode: string | null;
                        completedAt: string | null;
                        context: {
                            [key: string]: unknown;
                        } | null;
                        createdAt: string;
                        decision: string | null;
                        dueAt: string | null;
                        elementId: string;
                        formKey: string | null;
                        id: string;
                        name: string;
                        opinion: string | null;
                        processInstanceKey: string;
                        state: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiTasksIdColleagues: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 同组同事(用户名与姓名) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        displayName: string;
                        username: string;
                    }[];
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiTasksIdComplete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    data?: {
                        [key: string]: unknown;
                    };
                    /** @description approve 同意, reject 不同意, return 退回补正 */
                    decision: "approve" | "reject" | "return";
                    /** @description 审批意见 */
                    opinion: string;
                };
            };
        };
        responses: {
            /** @description 已办结 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        applicationId: string | null;
                        assignee: string | null;
                        candidateGroups: string[];
                        cityCode: string | null;
                        completedAt: string | null;
                        context: {
                            [key: string]: unknown;
                        } | null;
                        createdAt: string;
                        decision: string | null;
                        dueAt: string | null;
                        elementId: string;
                        formKey: string | null;
                        id: string;
                        name: string;
                        opinion: string | null;
                        processInstanceKey: string;
                        state: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiTasksIdDiagram: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 流程图数据 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bpmnProcessId: string;
                        completedElementIds: string[];
                        currentElementIds: string[];
                        /**
                         * @description 已走连线由已完成元素及其间的连线推得
                         * @constant
                         */
                        flowsSource: "derived";
                        packageHash: string;
                        processInstanceKey: string;
                        takenFlowIds: string[];
                        userTasks: {
                            completedAt: string | null;
                            completedBy: string | null;
                            completedByName: string | null;
                            decision: string | null;
                            decisionLabel: string | null;
                            elementId: string;
                            name: string;
                            opinion: string | null;
                            taskId: string;
                        }[];
                        /** @description BPMN 2.0 XML(含图形布局) */
                        xml: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiTasksIdTransfer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 转办意见 */
                    opinion: string;
                    /** @description 转办给(同组同事的用户名) */
                    toUsername: string;
                };
            };
        };
        responses: {
            /** @description 已转办 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        applicationId: string | null;
                        assignee: string | null;
                        candidateGroups: string[];
                        cityCode: string | null;
                        completedAt: string | null;
                        context: {
                            [key: string]: unknown;
                        } | null;
                        createdAt: string;
                        decision: string | null;
                        dueAt: string | null;
                        elementId: string;
                        formKey: string | null;
                        id: string;
                        name: string;
                        opinion: string | null;
                        processInstanceKey: string;
                        state: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiTasksIdUnclaim: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 已释放 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        applicationId: string | null;
                        assignee: string | null;
                        candidateGroups: string[];
                        cityCode: string | null;
                        completedAt: string | null;
                        context: {
                            [key: string]: unknown;
                        } | null;
                        createdAt: string;
                        decision: string | null;
                        dueAt: string | null;
                        elementId: string;
                        formKey: string | null;
                        id: string;
                        name: string;
                        opinion: string | null;
                        processInstanceKey: string;
                        state: string;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiTasksBatchComplete: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description approve 同意, reject 不同意, return 退回补正 */
                    decision: "approve" | "reject" | "return";
                    /** @description 审批意见 */
                    opinion: string;
                    taskIds: string[];
                };
            };
        };
        responses: {
            /** @description 每项的办理结果(成功 / 失败及原因) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        failed: number;
                        results: {
                            ok: boolean;
                            reason: string | null;
                            result: "成功" | "失败";
                            ruleDecision: ("ELIGIBLE" | "INELIGIBLE" | "REFER") | null;
                            taskId: string;
                        }[];
                        succeeded: number;
                    };
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiTryoutApplicants: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 示例申报人 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        displayName: string;
                        /** @description 申报单位经办人 */
                        organisation: boolean;
                        regionCode: string | null;
                        username: string;
                    }[];
                };
            };
            /** @description 错误(application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
